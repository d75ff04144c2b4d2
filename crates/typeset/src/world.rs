//! The one `typst::World` of this crate: a template and a JSON input held in memory, the bundled
//! fonts, and nothing else — no file system, no network, no packages, no system fonts.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontFamily, FontList, TextElem};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The family every template starts with (`set text(font: …)` may still pick another bundled one).
pub(crate) const DEFAULT_FONT: &str = "DejaVu Sans";

/// DejaVu Sans (four styles) and DejaVu Sans Mono, Debian `fonts-dejavu-core` 2.37; see
/// `fonts/LICENSE-DejaVu.txt`.
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../fonts/DejaVuSans-BoldOblique.ttf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
];

/// The virtual path the template reads its data from: `json("input.json")`.
pub(crate) const INPUT_PATH: &str = "input.json";
const MAIN_PATH: &str = "main.typ";

/// The standard library, with the bundled sans font instead of Typst's default serif.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    let mut library = Library::default();
    library.styles.set(TextElem::font, FontList(vec![FontFamily::new(DEFAULT_FONT)]));
    LazyHash::new(library)
});

/// The bundled fonts, parsed once per process.
pub(crate) static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a constant, valid virtual path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// A template (`/main.typ`) with its data (`/input.json`).
#[derive(Debug)]
pub(crate) struct MemoryWorld {
    main: Source,
    input_id: FileId,
    input: Bytes,
    today: Option<Datetime>,
}

impl MemoryWorld {
    /// `today` is what `datetime.today()` returns, whatever the clock says: a fixed date gives the
    /// same PDF every time; `None` makes `datetime.today()` an error.
    pub(crate) fn new(template: &str, input: Vec<u8>, today: Option<Datetime>) -> Self {
        Self {
            main: Source::new(project_file(MAIN_PATH), template.to_owned()),
            input_id: project_file(INPUT_PATH),
            input: Bytes::new(input),
            today,
        }
    }

    fn missing(id: FileId) -> FileError {
        match id.root() {
            VirtualRoot::Package(spec) => FileError::Package(PackageError::NotFound(spec.clone())),
            VirtualRoot::Project => FileError::NotFound(id.vpath().get_with_slash().into()),
        }
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.input_id {
            Err(FileError::NotSource)
        } else {
            Err(Self::missing(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else if id == self.input_id {
            Ok(self.input.clone())
        } else {
            Err(Self::missing(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
