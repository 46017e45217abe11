"""What the widgets show, without the widgets: plain objects and pure functions below ``qi_kit.widgets``.

Each widget is a view over one of these: its callbacks read the controls, call a function here
(or in :mod:`qi_kit.editing`, the editor's :class:`~qi_kit.editing.MapSession`), and redraw.
Everything here works, and is tested, without ipywidgets:

- :mod:`.plan`: the engagement plan shared by the planner's tabs (:class:`~.plan.PlanStore`, a
  traitlets ``HasTraits`` whose ``plan`` the tabs observe) and the planner's decisions (what
  "Keep my choices" changes, what a save says);
- :mod:`.explorer`: every analysis of one map through one lens (:class:`~.explorer.Findings`)
  and the "who first?" answers kept per question (:class:`~.explorer.StrategyRuns`);
- :mod:`.pitch`: the pitch builder's steps, its debouncer, and how a saved pitch comes back;
- :mod:`.editor`: what the map editor says after each change.
"""
