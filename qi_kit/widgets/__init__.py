"""Widgets for the no-code path. Each is a thin view: callbacks read the controls, call a pure
function from the kit, redraw, and autosave. Nothing here holds logic of its own."""
