"""Widgets for the no-code path. Each is a thin view: callbacks read the controls, call a pure
function from the kit, redraw, and autosave. Nothing here holds logic of its own: what a widget
shows lives below it, in plain objects and pure functions (:mod:`qi_kit.state`,
:mod:`qi_kit.editing`), tested without widgets.

One module per widget: :mod:`.editor` (its controls in :mod:`.editor_forms`), :mod:`.explorer`
(its words in :mod:`.explorer_words`, "who first?" in :mod:`.who_first`), :mod:`.pitch_builder`,
:mod:`.planner` (one module per tab), :mod:`.notes`, :mod:`.activities`, :mod:`.share`,
:mod:`.room`, :mod:`.mywork`; what they share (escaping, message boxes, pictures, buttons) is
in :mod:`._common`."""
