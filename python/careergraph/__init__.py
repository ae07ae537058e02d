"""careergraph for Python: the C++ engine's facade, with protobuf messages in and out.

    import careergraph
    engine = careergraph.open()                    # "default", "onet", a path, or a v1 Graph
    r = engine.route(from_="Staff Software Engineer", to="Director of Product")
    r.routes[0].totals.years                       # a careergraph.v1.RouteResponse
    careergraph.to_dict(r)                         # protobuf's own JSON mapping, as a dict

Every query takes either its request message (careergraph.v1.route_pb2.RouteRequest, ...)
or keyword arguments named as the request's fields (a trailing underscore is dropped, so
``from_`` is ``from``; nested messages as dicts, enums by name), and returns the response
message. A failed query raises careergraph.Error carrying the careergraph.v1.Error.

The queries run in C++ (the same entry points as the CLI and the HTTP server) without the
GIL, so threads may query one engine at once; reload() and swap() replace its graph under
them.
"""

from google.protobuf import json_format

from careergraph import _careergraph
from careergraph.v1 import compare_pb2, error_pb2, gap_pb2, graph_pb2, matrix_pb2, next_pb2, plan_pb2
from careergraph.v1 import reach_pb2, report_pb2, route_pb2, service_pb2, tradeoffs_pb2

__all__ = ["Engine", "Error", "open", "to_dict", "to_json", "analysis_tables", "v1"]


class Error(Exception):
    """A query or load failed. ``error`` is the careergraph.v1.Error message; ``code`` its
    code name (``"NOT_FOUND"``, ``"NO_ROUTE"``, ...); ``suggestions`` the "did you mean" list."""

    def __init__(self, error):
        self.error = error
        self.code = error_pb2.ErrorCode.Name(error.code)
        self.message = error.message
        self.field = error.field
        self.suggestions = list(error.suggestions)
        where = f"{error.field}: " if error.field else ""
        super().__init__(f"{self.code}: {where}{error.message}")


def _unwrap(reply, response_type):
    ok, payload = reply
    if not ok:
        error = error_pb2.Error()
        error.ParseFromString(payload)
        raise Error(error)
    message = response_type()
    message.ParseFromString(payload)
    return message


def _enum_value(enum, text):
    """The enum value name for any spelling the engine accepts: "safest", "SAFEST",
    "OBJECTIVE_SAFEST", "fewest-moves" (the rule of engine/choices.h)."""
    if not isinstance(text, str):
        return text
    key = text.strip().upper().replace("-", "_").replace(" ", "_")
    prefix = "".join("_" + c if c.isupper() and i else c for i, c in enumerate(enum.name)).upper() + "_"
    for value in enum.values:
        if key in (value.name, value.name[len(prefix):] if value.name.startswith(prefix) else None):
            return value.name
    return text  # unknown: json_format names it in its error


def _canonical(fields, descriptor):
    """Keyword arguments with enum values spelled as json_format expects them."""
    out = {}
    for key, value in fields.items():
        field = descriptor.fields_by_name.get(key) or next(
            (f for f in descriptor.fields if f.json_name == key), None)
        if field is not None and field.enum_type is not None:
            value = [_enum_value(field.enum_type, v) for v in value] if isinstance(value, (list, tuple)) \
                else _enum_value(field.enum_type, value)
        elif field is not None and field.message_type is not None and isinstance(value, dict):
            value = _canonical(value, field.message_type)
        out[key] = value
    return out


def _request(request_type, request, kwargs):
    if request is not None and kwargs:
        raise TypeError("pass a request message or keyword arguments, not both")
    if request is None:
        request = request_type()
        fields = {k[:-1] if k.endswith("_") else k: v for k, v in kwargs.items()}
        json_format.ParseDict(_canonical(fields, request_type.DESCRIPTOR), request)
    elif not isinstance(request, request_type):
        raise TypeError(f"expected a {request_type.DESCRIPTOR.full_name}, got {type(request).__name__}")
    return request.SerializeToString()


def _query(name, request_type, response_type, doc):
    def method(self, request=None, **kwargs):
        return _unwrap(getattr(self._engine, name)(_request(request_type, request, kwargs)), response_type)

    method.__name__ = name
    method.__doc__ = f"{doc}\n\nTakes a {request_type.DESCRIPTOR.full_name} or its fields as keywords; " \
                     f"returns a {response_type.DESCRIPTOR.full_name}."
    return method


class Engine:
    """A graph opened for queries. Create it with careergraph.open()."""

    def __init__(self, engine):
        self._engine = engine

    def info(self):
        """What is loaded (careergraph.v1.GraphInfo)."""
        return _unwrap(self._engine.info(), service_pb2.GraphInfo)

    def reload(self, source=""):
        """Loads `source` (empty: the current source again) and makes it current; the old
        graph keeps serving if it fails. Returns careergraph.v1.ReloadResponse."""
        return _unwrap(self._engine.reload(source), service_pb2.ReloadResponse)

    def swap(self, graph):
        """Makes a careergraph.v1.Graph current. Returns careergraph.v1.ReloadResponse."""
        return _unwrap(self._engine.swap(graph.SerializeToString()), service_pb2.ReloadResponse)


# name: (request, response, what it answers); one method each on Engine.
_QUERIES = {
    "route": (route_pb2.RouteRequest, route_pb2.RouteResponse,
              "The best route (alternatives > 1: the K best) between two positions."),
    "tradeoffs": (tradeoffs_pb2.TradeoffsRequest, tradeoffs_pb2.TradeoffsResponse,
                  "The Pareto front of routes over 2-4 criteria."),
    "plan": (plan_pb2.PlanRequest, plan_pb2.PlanResponse, "The highest-value plan over a horizon."),
    "reach": (reach_pb2.ReachRequest, reach_pb2.ReachResponse, "Every position reachable within N years (and K moves)."),
    "next": (next_pb2.NextRequest, next_pb2.NextResponse, "Ranked immediate moves from a position."),
    "compare": (compare_pb2.CompareRequest, compare_pb2.CompareResponse,
                "Two or more tracks or targets side by side over time."),
    "matrix": (matrix_pb2.MatrixRequest, matrix_pb2.MatrixResponse, "Many-to-many years and cost."),
    "gap": (gap_pb2.GapRequest, gap_pb2.GapResponse, "What a move (or each move of a route) asks you to learn."),
    "positions": (service_pb2.PositionsRequest, service_pb2.PositionsResponse, "Positions matching a text, ranked."),
    "analyze": (report_pb2.AnalyzeRequest, report_pb2.AnalysisReport,
                "Batch analysis of request.ladders (files or directories), or of this graph when none."),
}
for _name, (_req, _resp, _doc) in _QUERIES.items():
    setattr(Engine, _name, _query(_name, _req, _resp, _doc))
del _name, _req, _resp, _doc


def open(source="default"):  # noqa: A001 (the module's verb, as io.open)
    """Opens a graph: "default" (the embedded reference ladder), "onet" (the shipped O*NET
    graph), a ladder file or directory, or a careergraph.v1.graph_pb2.Graph message."""
    if isinstance(source, graph_pb2.Graph):
        reply = _careergraph.open_graph(source.SerializeToString())
    else:
        reply = _careergraph.open(str(source))
    ok, payload = reply
    if not ok:
        _unwrap(reply, None)
    return Engine(payload)


def to_dict(message):
    """The message as a dict, by protobuf's JSON mapping (field names as in the .proto)."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def to_json(message, indent=2):
    """The message as JSON text, by protobuf's JSON mapping (field names as in the .proto)."""
    return json_format.MessageToJson(message, preserving_proto_field_name=True, indent=indent)


ANALYSIS_TABLES = ("ladders", "tracks", "track_levels", "positions", "track_switches", "level_mapping",
                   "competency_gates", "largest_gaps", "findings")


def analysis_tables(report, tables=ANALYSIS_TABLES):
    """An AnalysisReport's tables (those of `careergraph analyze --csv`) as pandas
    DataFrames, by name. Needs pandas (Debian: python3-pandas)."""
    import io

    import pandas as pd

    data = report.SerializeToString()
    out = {}
    for name in tables:
        text = _careergraph.analysis_table_csv(data, name)
        if not text:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(ANALYSIS_TABLES)}")
        out[name] = pd.read_csv(io.StringIO(text))
    return out


from careergraph import v1  # noqa: E402  (the generated message modules, careergraph.v1.*_pb2)
