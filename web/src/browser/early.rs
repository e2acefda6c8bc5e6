//! The form rendered ahead of time and the app that replaces it: what a
//! person typed, ticked, opened, clicked and focused in the first screen
//! (shown by the page's first script while the wasm was compiled) is read
//! before the app mounts and handed to it once it has rendered.

use js_sys::Reflect;
use wasm_bindgen::JsCast;

/// The page's document, if there is one.
fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The `#app` element, emptied of the form rendered ahead of time (or of
/// its loading message) once what a person did in that form is kept for
/// [`carry_over_early_input`].
pub fn app_root() -> Option<web_sys::Element> {
    let root = document()?.get_element_by_id("app")?;
    let early = Early::read(&root);
    EARLY.with(|e| *e.borrow_mut() = Some(early));
    root.set_inner_html("");
    Some(root)
}

/// The controls whose values are carried over, in document order.
const VALUED: &str = "input, textarea, select";
/// What can hold the focus.
const FOCUSABLE: &str = "input, textarea, select, button, summary, a[href]";

thread_local! {
    static EARLY: std::cell::RefCell<Option<Early>> = const { std::cell::RefCell::new(None) };
}

/// What a person did in the form rendered ahead of time (`<template
/// id=dockcert-en>`, cloned into `#app` by the page's first script) before
/// the app started. That form is the app's own first render, so the n-th
/// control there is the n-th control of the app's first render.
#[derive(Default)]
struct Early {
    /// Text typed or an option chosen: (control, value).
    values: Vec<(u32, String)>,
    /// Checkboxes and radio buttons ticked or unticked.
    toggled: Vec<u32>,
    /// `<details>` opened or closed: (which, open).
    details: Vec<(u32, bool)>,
    /// Buttons clicked, in order (the first script records them in
    /// `data-early-clicks`).
    clicks: Vec<u32>,
    /// The control with the focus, and its selection.
    focus: Option<(u32, Option<Selection>)>,
}

fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into().ok()))
        .collect()
}

impl Early {
    fn read(root: &web_sys::Element) -> Early {
        let mut early = Early::default();
        for (i, el) in (0u32..).zip(all(root, VALUED)) {
            if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                let kind = input.type_();
                if kind == "radio" {
                    // Choosing one unchecks the others: only the chosen counts.
                    if input.checked() && !input.default_checked() {
                        early.toggled.push(i);
                    }
                } else if kind == "checkbox" {
                    if input.checked() != input.default_checked() {
                        early.toggled.push(i);
                    }
                } else if input.value() != input.default_value() {
                    early.values.push((i, input.value()));
                }
            } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                if Ok(area.value()) != area.default_value() {
                    early.values.push((i, area.value()));
                }
            } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
                let options = select.options();
                let chosen = (0..options.length()).any(|o| {
                    options
                        .item(o)
                        .and_then(|n| n.dyn_into::<web_sys::HtmlOptionElement>().ok())
                        .is_some_and(|opt| opt.selected() != opt.default_selected())
                });
                if chosen {
                    early.values.push((i, select.value()));
                }
            }
        }
        for (i, el) in (0u32..).zip(all(root, "details")) {
            // The first render's `<details>` are as the template has them.
            early.details.push((i, is_open(&el)));
        }
        early.clicks = root
            .get_attribute("data-early-clicks")
            .unwrap_or_default()
            .split_ascii_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let _ = root.remove_attribute("data-early-clicks");
        let active = document().and_then(|d| d.active_element());
        if let Some(active) = active {
            let at = all(root, FOCUSABLE).iter().position(|el| *el == active);
            if let Some(at) = at {
                early.focus = Some((at as u32, selection(&active)));
            }
        }
        early
    }
}

/// A selection in a text box: where it starts and ends, and which way it
/// was made (`backward` when Shift+← made it): the end a person's next
/// Shift+arrow moves, so it is kept too.
struct Selection {
    start: u32,
    end: u32,
    direction: String,
}

/// The selection in a text box, if `el` is one.
fn selection(el: &web_sys::Element) -> Option<Selection> {
    let (start, end, direction) = if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        (
            area.selection_start().ok()??,
            area.selection_end().ok()??,
            area.selection_direction().ok()?,
        )
    } else {
        let input = el.dyn_ref::<web_sys::HtmlInputElement>()?;
        (
            input.selection_start().ok()??,
            input.selection_end().ok()??,
            input.selection_direction().ok()?,
        )
    };
    Some(Selection {
        start,
        end,
        direction: direction.unwrap_or_else(|| "none".into()),
    })
}

/// Whether the `<details>` `el` is open.
fn is_open(el: &web_sys::Element) -> bool {
    Reflect::get(el, &"open".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Clicks the `at`-th of `elements`, as a person would, if it is there.
fn click(elements: &[web_sys::Element], at: u32) {
    if let Some(el) = elements
        .get(at as usize)
        .and_then(|e| e.dyn_ref::<web_sys::HtmlElement>())
    {
        el.click();
    }
}

fn fire(el: &web_sys::Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// Hands what a person did in the form rendered ahead of time to the app,
/// once its first render is on screen: the same values typed and chosen (as
/// input and change events, so the app's state has them), the same boxes
/// ticked and buttons clicked (clicked again, in order), the same sections
/// open, the focus and the selection where they were. Runs in the same task
/// as the capture in [`app_root`], so no keystroke falls between them.
pub fn carry_over_early_input() {
    let Some(early) = EARLY.with(|e| e.borrow_mut().take()) else {
        return;
    };
    let Some(root) = document().and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    let valued = all(&root, VALUED);
    for (i, value) in &early.values {
        if let Some(el) = valued.get(*i as usize) {
            let _ = Reflect::set(el, &"value".into(), &value.into());
            fire(el, "input");
            fire(el, "change");
        }
    }
    for &i in &early.toggled {
        click(&valued, i);
    }
    let details = all(&root, "details");
    for (i, open) in &early.details {
        if let Some(el) = details.get(*i as usize) {
            if is_open(el) != *open {
                let _ = Reflect::set(el, &"open".into(), &(*open).into());
            }
        }
    }
    let buttons = all(&root, "button");
    for &i in &early.clicks {
        click(&buttons, i);
    }
    if let Some((i, selected)) = early.focus {
        if let Some(el) = all(&root, FOCUSABLE).get(i as usize) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            if let Some(Selection {
                start,
                end,
                direction,
            }) = selected
            {
                if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    let _ = area.set_selection_range_with_direction(start, end, &direction);
                } else if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                    let _ = input.set_selection_range_with_direction(start, end, &direction);
                }
            }
        }
    }
}
