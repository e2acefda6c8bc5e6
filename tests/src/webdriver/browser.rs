//! The two browsers the page is tested in, each from Debian, each through
//! its own WebDriver server: Chromium through chromedriver, Firefox ESR
//! through geckodriver (from crates.io). Both run headless on a fresh
//! profile, download without asking into one folder, and are told not to
//! reach the network by themselves; the tests also run them in a network
//! namespace with only loopback, which is the real guarantee.

use std::path::Path;

use serde_json::{json, Value};

/// A browser the page is tested in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    /// Debian's `chromium`, driven by Debian's `chromedriver`.
    Chromium,
    /// Debian's `firefox-esr`, driven by `geckodriver`.
    Firefox,
}

impl Browser {
    /// Both, in the order tests run them.
    pub const ALL: [Browser; 2] = [Browser::Chromium, Browser::Firefox];

    /// Its name in jobs and reports: `chromium` or `firefox`.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
        }
    }

    /// The browser named `name` (as [`Browser::name`] gives it).
    pub fn from_name(name: &str) -> Result<Browser, String> {
        Browser::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| {
                format!("{name:?}: not a browser the page is tested in (chromium, firefox)")
            })
    }

    /// The browser's program, as Debian installs it.
    pub fn program(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox-esr",
        }
    }

    /// Its WebDriver server's program (`cargo xtask setup` installs both).
    pub fn driver_program(self) -> &'static str {
        match self {
            Browser::Chromium => "chromedriver",
            Browser::Firefox => "geckodriver",
        }
    }
}

/// How to start a browser for one job.
pub struct Launch<'a> {
    /// Which browser.
    pub browser: Browser,
    /// Its program's path.
    pub binary: &'a str,
    /// An empty folder for its profile, so every run starts fresh.
    pub profile: &'a Path,
    /// Where downloads go, without a question.
    pub downloads: &'a Path,
    /// The language the browser prefers (`en-US`, `zh-CN`).
    pub lang: &'a str,
    /// The window's size.
    pub size: (u32, u32),
    /// Whether the session records the page's requests and console, as the
    /// tests must. Recording costs the page time (Chromium's performance log
    /// made it 13 to 27 ms slower to start, Firefox's BiDi events about 45 ms),
    /// so timing runs go without.
    pub observe: bool,
}

/// Firefox's own window keeps at least 500 CSS px wide (its browser
/// chrome's style sheet says so), even headless: the page at a phone's
/// 390 px needs that minimum lifted, by the profile's own userChrome.css.
const FIREFOX_ANY_WIDTH: &str = ":root, #main-window { min-width: 0 !important; }\n";

impl Launch<'_> {
    /// Readies the fresh profile folder before the browser starts: for
    /// Firefox, a window that may be as narrow as a phone.
    pub fn prepare(&self) -> Result<(), String> {
        if self.browser == Browser::Firefox {
            let chrome = self.profile.join("chrome");
            std::fs::create_dir_all(&chrome).map_err(|e| format!("{}: {e}", chrome.display()))?;
            std::fs::write(chrome.join("userChrome.css"), FIREFOX_ANY_WIDTH)
                .map_err(|e| format!("{}: {e}", chrome.display()))?;
        }
        Ok(())
    }

    /// The capabilities of a new session (W3C `alwaysMatch`).
    pub fn capabilities(&self) -> Value {
        match self.browser {
            Browser::Chromium => self.chromium(),
            Browser::Firefox => self.firefox(),
        }
    }

    fn chromium(&self) -> Value {
        let (width, height) = self.size;
        let args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([
            format!("--user-data-dir={}", self.profile.display()),
            format!("--lang={}", self.lang),
            format!("--window-size={width},{height}"),
        ])
        .collect();
        let prefs = json!({
            "download.default_directory": self.downloads.to_string_lossy(),
            "download.prompt_for_download": false,
            "intl.accept_languages": self.lang,
        });
        let mut caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": self.binary, "args": args, "prefs": prefs },
        });
        if self.observe {
            // The performance log lists every request, the browser log the console.
            caps["goog:loggingPrefs"] = json!({ "performance": "ALL", "browser": "ALL" });
        }
        caps
    }

    fn firefox(&self) -> Value {
        let (width, height) = self.size;
        let mut prefs = json!({
            // Downloads: straight into the job's folder, zips without a question.
            "browser.download.folderList": 2,
            "browser.download.dir": self.downloads.to_string_lossy(),
            "browser.download.useDownloadDir": true,
            "browser.download.always_ask_before_handling_new_types": false,
            "browser.helperApps.neverAsk.saveToDisk": "application/zip",
            "browser.download.manager.showWhenStarting": false,
            "browser.download.alwaysOpenPanel": false,
            // navigator.language is the first of these.
            "intl.accept_languages": self.lang,
            // Reads the profile's chrome/userChrome.css ([`Launch::prepare`]).
            "toolkit.legacyUserProfileCustomizations.stylesheets": true,
        });
        for (name, value) in FIREFOX_QUIET {
            prefs[*name] = value.json();
        }
        let mut caps = json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": self.binary,
                "args": [
                    "-headless",
                    "-no-remote",
                    "-profile", self.profile.to_string_lossy(),
                    "-width", width.to_string(),
                    "-height", height.to_string(),
                ],
                "prefs": prefs,
                "log": { "level": "error" },
            },
        });
        if self.observe {
            // BiDi, for the requests and the console (geckodriver has no logs).
            caps["webSocketUrl"] = json!(true);
        }
        caps
    }
}

/// Firefox preferences that stop every background connection a fresh
/// profile would make on its own: updates, telemetry and studies, the
/// captive-portal and connectivity probes, Safe Browsing lists, remote
/// settings, add-on, blocklist and plugin (OpenH264, Widevine) downloads,
/// push, DNS-over-HTTPS, speculative connections and prefetching, the
/// new-tab page's feeds, location and region look-ups, OCSP. The network
/// namespace would stop them anyway; these keep the run the same with or
/// without it, and keep the requests the tests look at to the page's own.
const FIREFOX_QUIET: &[(&str, Pref)] = &[
    ("app.update.auto", Pref::Bool(false)),
    ("app.update.enabled", Pref::Bool(false)),
    ("app.update.disabledForTesting", Pref::Bool(true)),
    ("app.normandy.enabled", Pref::Bool(false)),
    ("app.normandy.api_url", Pref::Text("")),
    ("app.shield.optoutstudies.enabled", Pref::Bool(false)),
    (
        "datareporting.healthreport.uploadEnabled",
        Pref::Bool(false),
    ),
    (
        "datareporting.policy.dataSubmissionEnabled",
        Pref::Bool(false),
    ),
    ("toolkit.telemetry.enabled", Pref::Bool(false)),
    ("toolkit.telemetry.unified", Pref::Bool(false)),
    ("toolkit.telemetry.archive.enabled", Pref::Bool(false)),
    ("toolkit.telemetry.server", Pref::Text("")),
    ("browser.ping-centre.telemetry", Pref::Bool(false)),
    ("network.captive-portal-service.enabled", Pref::Bool(false)),
    ("network.connectivity-service.enabled", Pref::Bool(false)),
    ("browser.safebrowsing.malware.enabled", Pref::Bool(false)),
    ("browser.safebrowsing.phishing.enabled", Pref::Bool(false)),
    (
        "browser.safebrowsing.blockedURIs.enabled",
        Pref::Bool(false),
    ),
    ("browser.safebrowsing.downloads.enabled", Pref::Bool(false)),
    (
        "browser.safebrowsing.downloads.remote.enabled",
        Pref::Bool(false),
    ),
    (
        "browser.safebrowsing.provider.google4.updateURL",
        Pref::Text(""),
    ),
    (
        "browser.safebrowsing.provider.google.updateURL",
        Pref::Text(""),
    ),
    (
        "browser.safebrowsing.provider.mozilla.updateURL",
        Pref::Text(""),
    ),
    ("services.settings.server", Pref::Text("")),
    ("extensions.update.enabled", Pref::Bool(false)),
    ("extensions.getAddons.cache.enabled", Pref::Bool(false)),
    ("extensions.systemAddon.update.enabled", Pref::Bool(false)),
    ("extensions.blocklist.enabled", Pref::Bool(false)),
    ("media.gmp-manager.url", Pref::Text("")),
    ("media.gmp-gmpopenh264.enabled", Pref::Bool(false)),
    ("media.gmp-widevinecdm.enabled", Pref::Bool(false)),
    ("dom.push.enabled", Pref::Bool(false)),
    ("dom.push.connection.enabled", Pref::Bool(false)),
    ("network.trr.mode", Pref::Number(5)),
    ("network.dns.disablePrefetch", Pref::Bool(true)),
    ("network.prefetch-next", Pref::Bool(false)),
    ("network.predictor.enabled", Pref::Bool(false)),
    ("network.http.speculative-parallel-limit", Pref::Number(0)),
    (
        "browser.urlbar.speculativeConnect.enabled",
        Pref::Bool(false),
    ),
    ("browser.newtabpage.enabled", Pref::Bool(false)),
    (
        "browser.newtabpage.activity-stream.feeds.telemetry",
        Pref::Bool(false),
    ),
    (
        "browser.newtabpage.activity-stream.telemetry",
        Pref::Bool(false),
    ),
    (
        "browser.newtabpage.activity-stream.feeds.topsites",
        Pref::Bool(false),
    ),
    (
        "browser.newtabpage.activity-stream.feeds.section.topstories",
        Pref::Bool(false),
    ),
    ("browser.startup.page", Pref::Number(0)),
    ("browser.startup.homepage", Pref::Text("about:blank")),
    (
        "browser.startup.homepage_override.mstone",
        Pref::Text("ignore"),
    ),
    ("startup.homepage_welcome_url", Pref::Text("")),
    ("browser.shell.checkDefaultBrowser", Pref::Bool(false)),
    ("browser.search.update", Pref::Bool(false)),
    ("browser.region.network.url", Pref::Text("")),
    ("browser.region.update.enabled", Pref::Bool(false)),
    ("geo.provider.network.url", Pref::Text("")),
    ("browser.discovery.enabled", Pref::Bool(false)),
    ("security.OCSP.enabled", Pref::Number(0)),
    ("network.proxy.type", Pref::Number(0)),
];

/// A preference's value.
enum Pref {
    Bool(bool),
    Number(i64),
    Text(&'static str),
}

impl Pref {
    fn json(&self) -> Value {
        match self {
            Pref::Bool(b) => (*b).into(),
            Pref::Number(n) => (*n).into(),
            Pref::Text(t) => (*t).into(),
        }
    }
}
