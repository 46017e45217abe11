"""Influence analysis: pure functions, a stakeholder map in, a pandas DataFrame out.

- :mod:`.labels`: the rule behind every label the kit gives a person, each with its source;
- :mod:`.influence`: the influence table, informal leaders, formal leaders with little pull;
- :mod:`.methods`: three ways of finding leaders side by side (nominations, position, rating);
- :mod:`.brokers`: brokerage roles between units, single points of failure, key players;
- :mod:`.groups`: clusters (silos) and quiet voices;
- :mod:`.paths`: distributed-leadership paths and coverage (the first people to engage);
- :mod:`.spread`: "who should we engage first?" simulations, on one map or side by side;
- :mod:`.report`: everything above for one map, in one call.

Direction, everywhere: an arrow ``A -> B`` means A listens to B; influence flows against the
arrow. Each result carries a one-sentence summary in ``.attrs["summary"]``, and every column is
explained by ``qi_kit.explain(column)``. Nothing here imports matplotlib or ipywidgets.
"""
