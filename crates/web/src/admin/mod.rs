//! The privacy officer's pages: the contests queue and answering a contest; inviting people
//! (the works council invites its experts here too).

mod contests;
mod people;

use crate::guard::{ADMIN, Access::Roles, INVITERS};
use crate::routes::{Row, get, post};

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/people", Roles(INVITERS), people::people),
        post("/people", Roles(INVITERS), people::invite),
        post("/people/reinvite", Roles(ADMIN), people::reinvite),
        post("/people/disable", Roles(ADMIN), people::disable),
        get("/contests", Roles(ADMIN), contests::queue),
        get("/contests/{id}", Roles(ADMIN), contests::case),
        post("/contests/{id}", Roles(ADMIN), contests::answer),
    ]
}
