// careergraph._careergraph: the C++ facade (include/careergraph/careergraph.h) for Python.
//
// Design choices: messages cross the boundary as serialized protobuf bytes, so this module
// needs no binding per message type and works whichever protobuf backend Python runs (the
// Python classes are generated from the same .proto files at build time); the wrapper in
// careergraph/__init__.py turns bytes into messages and errors into exceptions. The GIL is
// released while a query runs, so Python threads query one engine at once.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "careergraph/careergraph.h"

namespace py = pybind11;

namespace {

using careergraph::Engine;
using careergraph::Result;
namespace v1 = careergraph::v1;

// (True, response bytes) or (False, careergraph.v1.Error bytes).
py::tuple Reply(bool ok, const std::string& bytes) { return py::make_tuple(ok, py::bytes(bytes)); }

template <typename T>
py::tuple Reply(const Result<T>& r) {
  return r.ok() ? Reply(true, r->SerializeAsString()) : Reply(false, r.error().SerializeAsString());
}

v1::Error BadRequest(const std::string& type) {
  v1::Error e;
  e.set_code(v1::INVALID_ARGUMENT);
  e.set_message("the request is not a serialized careergraph.v1." + type);
  return e;
}

// One query: parse the request, run it without the GIL, serialize the answer.
template <typename Req, typename Resp>
py::tuple Call(const Engine& engine, Result<Resp> (Engine::*method)(const Req&) const, const std::string& type,
               const py::bytes& request) {
  Req req;
  if (!req.ParseFromString(std::string(request))) return Reply(false, BadRequest(type).SerializeAsString());
  std::string out;
  bool ok;
  {
    py::gil_scoped_release release;
    Result<Resp> r = (engine.*method)(req);
    ok = r.ok();
    out = ok ? r->SerializeAsString() : r.error().SerializeAsString();
  }
  return Reply(ok, out);
}

// Engine::Open's result: (True, engine) or (False, Error bytes).
py::tuple Opened(Result<Engine> r) {
  if (!r.ok()) return Reply(false, r.error().SerializeAsString());
  return py::make_tuple(true, std::make_shared<Engine>(std::move(r).value()));
}

}  // namespace

PYBIND11_MODULE(_careergraph, m) {
  m.doc() = "careergraph's C++ engine; use the careergraph package, not this module";

  py::class_<Engine, std::shared_ptr<Engine>> engine(m, "Engine");
  engine
      .def("route", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Route, "RouteRequest", b); })
      .def("tradeoffs", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Tradeoffs, "TradeoffsRequest", b); })
      .def("plan", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Plan, "PlanRequest", b); })
      .def("reach", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Reach, "ReachRequest", b); })
      .def("next", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Next, "NextRequest", b); })
      .def("compare", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Compare, "CompareRequest", b); })
      .def("matrix", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Matrix, "MatrixRequest", b); })
      .def("gap", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Gap, "GapRequest", b); })
      .def("positions", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Positions, "PositionsRequest", b); })
      .def("analyze", [](const Engine& e, const py::bytes& b) { return Call(e, &Engine::Analyze, "AnalyzeRequest", b); })
      .def("info", [](const Engine& e) { return Reply(e.Info()); })
      .def("reload",
           [](Engine& e, const std::string& source) {
             auto r = [&] {
               py::gil_scoped_release release;
               return e.Reload(source);
             }();
             return Reply(r);
           })
      .def("swap", [](Engine& e, const py::bytes& graph) {
        v1::Graph g;
        if (!g.ParseFromString(std::string(graph))) return Reply(false, BadRequest("Graph").SerializeAsString());
        auto r = [&] {
          py::gil_scoped_release release;
          return e.Swap(std::move(g));
        }();
        return Reply(r);
      });

  m.def("open", [](const std::string& source) {
    Result<Engine> r = [&] {
      py::gil_scoped_release release;
      return Engine::Open(source);
    }();
    return Opened(std::move(r));
  });
  m.def("open_graph", [](const py::bytes& graph) {
    v1::Graph g;
    if (!g.ParseFromString(std::string(graph))) return Reply(false, BadRequest("Graph").SerializeAsString());
    Result<Engine> r = [&] {
      py::gil_scoped_release release;
      return Engine::Open(std::move(g));
    }();
    return Opened(std::move(r));
  });
  m.def("analysis_table_csv", [](const py::bytes& report, const std::string& table) {
    v1::AnalysisReport r;
    if (!r.ParseFromString(std::string(report))) throw py::value_error("not a serialized careergraph.v1.AnalysisReport");
    return careergraph::AnalysisTableCsv(r, table);
  });
}
