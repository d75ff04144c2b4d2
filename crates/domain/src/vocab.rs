//! The register's closed vocabularies (`../shared/spec/register-format.md`, "Vocabularies").
//!
//! Each is an enum written in lower-case snake_case. `as_str` gives the written form, which is also
//! the suffix of the enum's translation keys in the portal (`purpose-productivity`, …).

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
            schemars::JsonSchema,
        )]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in the order the specification lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as written in a register file.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<$name, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown {} `{s}`; expected one of: {}",
                        stringify!($name).to_lowercase(),
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// Where a system stands in its life.
    Status { Planned = "planned", Live = "live", Retired = "retired" }
);

vocabulary!(
    /// Whether a function of a system is switched on.
    FunctionStatus { Planned = "planned", Enabled = "enabled", Disabled = "disabled" }
);

vocabulary!(
    /// What a system is used for.
    Purpose {
        Productivity = "productivity",
        PerformanceAppraisal = "performance_appraisal",
        Security = "security",
        Safety = "safety",
        Attendance = "attendance",
        Scheduling = "scheduling",
        TaskAllocation = "task_allocation",
        Pay = "pay",
        Discipline = "discipline",
        Recruitment = "recruitment",
        Training = "training",
        Compliance = "compliance",
        Other = "other",
    }
);

vocabulary!(
    /// Whose data a system processes.
    Subject {
        Employees = "employees",
        TemporaryWorkers = "temporary_workers",
        Applicants = "applicants",
        Contractors = "contractors",
        PlatformWorkers = "platform_workers",
    }
);

vocabulary!(
    /// How often a system records.
    Monitoring { Continuous = "continuous", Periodic = "periodic", Incident = "incident" }
);

vocabulary!(
    /// The GDPR art 6(1) basis the employer relies on.
    LegalBasis {
        Consent = "consent",
        Contract = "contract",
        LegalObligation = "legal_obligation",
        VitalInterest = "vital_interest",
        PublicTask = "public_task",
        LegitimateInterest = "legitimate_interest",
        CollectiveAgreement = "collective_agreement",
        Bdsg26 = "bdsg_26",
        None = "none",
    }
);

vocabulary!(
    /// What biometric data, if any, is used for.
    BiometricPurpose {
        None = "none",
        Authentication = "authentication",
        Identification = "identification",
        Attendance = "attendance",
        Categorisation = "categorisation",
    }
);

vocabulary!(
    /// A kind of decision a system takes or prepares about a person.
    DecisionKind {
        Hire = "hire",
        Terminate = "terminate",
        Discipline = "discipline",
        Warning = "warning",
        Pay = "pay",
        Roster = "roster",
        TaskAllocation = "task_allocation",
        Promotion = "promotion",
        AccountBlock = "account_block",
        Ranking = "ranking",
    }
);

vocabulary!(
    /// State of the data protection impact assessment (GDPR art 35).
    DpiaStatus { None = "none", InProgress = "in_progress", Done = "done" }
);

vocabulary!(
    /// The residual risk a DPIA concluded.
    RiskLevel { Low = "low", Medium = "medium", High = "high" }
);

vocabulary!(
    /// A person's role in the portal (issue 5): what they may see and do.
    Role {
        Admin = "admin",
        Council = "council",
        Expert = "expert",
        Worker = "worker",
        Inspector = "inspector",
    }
);

vocabulary!(
    /// The organisation's role for an AI system (AI Act art 3).
    AiRole { Provider = "provider", Deployer = "deployer" }
);

vocabulary!(
    /// The works council's consent (WOR art 27).
    Consent {
        NotRequested = "not_requested",
        Requested = "requested",
        Granted = "granted",
        Refused = "refused",
        CourtSubstitute = "court_substitute",
        CaoRegulated = "cao_regulated",
    }
);

vocabulary!(
    /// A data category of the register; a category may be refined with a dot (`location.precise`).
    DataKind {
        ScanEvents = "scan_events",
        ProductivityScore = "productivity_score",
        Rating = "rating",
        ClientRating = "client_rating",
        WorkingTime = "working_time",
        Attendance = "attendance",
        Badge = "badge",
        Location = "location",
        Keystrokes = "keystrokes",
        MouseActivity = "mouse_activity",
        Screenshots = "screenshots",
        AppUsage = "app_usage",
        WebBrowsing = "web_browsing",
        EmailMetadata = "email_metadata",
        EmailContent = "email_content",
        ChatContent = "chat_content",
        CallAudio = "call_audio",
        Video = "video",
        Webcam = "webcam",
        Biometric = "biometric",
        Health = "health",
        Emotion = "emotion",
        UnionActivity = "union_activity",
        PrivateCommunications = "private_communications",
        OffDutyActivity = "off_duty_activity",
        Bsn = "bsn",
    }
);

vocabulary!(
    /// The exception of GDPR art 22(2) a solely automated decision rests on.
    AdmException { None = "none", Contract = "contract", Law = "law", ExplicitConsent = "explicit_consent" }
);

vocabulary!(
    /// The safeguards of GDPR art 22(3).
    Safeguard { HumanIntervention = "human_intervention", ExpressView = "express_view", Contest = "contest" }
);

vocabulary!(
    /// The parts of a DPIA that GDPR art 35(7)(a)–(d) requires.
    DpiaPart { Description = "description", Necessity = "necessity", Risks = "risks", Measures = "measures" }
);

vocabulary!(
    /// Why emotion recognition is used: only medical or safety reasons are allowed (AI Act 5(1)(f)).
    EmotionException { None = "none", Medical = "medical", Safety = "safety" }
);

vocabulary!(
    /// What biometric categorisation infers: the first six are prohibited (AI Act 5(1)(g)).
    Trait {
        Race = "race",
        PoliticalOpinions = "political_opinions",
        UnionMembership = "union_membership",
        Religion = "religion",
        SexLife = "sex_life",
        SexualOrientation = "sexual_orientation",
        Age = "age",
        Gender = "gender",
        Other = "other",
    }
);

vocabulary!(
    /// The works council's advice (WOR art 25).
    Advice { NotRequested = "not_requested", Requested = "requested", Positive = "positive", Negative = "negative" }
);

vocabulary!(
    /// Where the organisation is, and so which law applies: EU law (GDPR, AI Act, Platform Work
    /// Directive) in the Netherlands and Germany, Dutch law only in the Netherlands; the US
    /// states' warehouse quota laws in their state.
    Jurisdiction {
        Nl = "NL",
        De = "DE",
        UsCa = "US-CA",
        UsNy = "US-NY",
        UsWa = "US-WA",
        UsMn = "US-MN",
        UsOr = "US-OR",
    }
);

impl Jurisdiction {
    /// In the European Union: EU law applies.
    pub fn in_eu(self) -> bool {
        matches!(self, Jurisdiction::Nl | Jurisdiction::De)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_form_round_trips() {
        for p in Purpose::ALL {
            assert_eq!(p.as_str().parse::<Purpose>(), Ok(*p));
        }
        for d in DataKind::ALL {
            assert_eq!(d.as_str().parse::<DataKind>(), Ok(*d));
        }
    }

    #[test]
    fn unknown_value_names_the_choices() {
        let err = "productiviteit".parse::<Purpose>().unwrap_err();
        assert!(err.contains("productiviteit") && err.contains("performance_appraisal"), "{err}");
    }
}
