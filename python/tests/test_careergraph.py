"""The Python module as a notebook uses it (python3 -m unittest, with careergraph importable)."""

import threading
import unittest

import careergraph
from careergraph.v1 import graph_pb2, route_pb2


def tiny_ladder(name="tiny"):
    g = graph_pb2.Graph()
    g.metadata.name = name
    g.metadata.currency = "USD"
    for level, pid in enumerate(["eng", "senior", "staff"], start=1):
        g.positions.add(id=pid, title=f"{pid} engineer", org="acme", track="swe", level=level,
                        annual_pay=100000.0 * level, ambiguity=0.1 * level, leadership=0.1 * level)
    g.transitions.add(**{"from": "eng"}, to="senior", kind=graph_pb2.TRANSITION_KIND_PROMOTION, years=2, probability=0.8)
    g.transitions.add(**{"from": "senior"}, to="staff", kind=graph_pb2.TRANSITION_KIND_PROMOTION, years=3, probability=0.6)
    return g


class CareergraphTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = careergraph.open()

    def test_route_with_keywords_and_with_a_request_message(self):
        r = self.engine.route(from_="Staff Software Engineer", to="Director of Product")
        self.assertIsInstance(r, route_pb2.RouteResponse)
        titles = [s.title for s in r.routes[0].steps]
        self.assertEqual(titles, ["Staff Software Engineer", "Principal Product Manager", "Group Product Manager",
                                  "Director of Product"])
        self.assertAlmostEqual(r.routes[0].totals.years, 8.0)

        req = route_pb2.RouteRequest(to="Director of Product", objective=route_pb2.OBJECTIVE_SAFEST)
        setattr(req, "from", "Staff Software Engineer")
        req.constraints.avoid_tracks.append("tpm")
        safest = self.engine.route(req)
        self.assertEqual(len(safest.routes[0].steps), 5)
        # Keywords take nested messages as dicts and enums by name.
        same = self.engine.route(from_="Staff Software Engineer", to="Director of Product", objective="SAFEST",
                                 constraints={"avoid_tracks": ["tpm"]})
        self.assertEqual(same, safest)

    def test_errors_raise_with_the_error_message(self):
        with self.assertRaises(careergraph.Error) as ctx:
            self.engine.route(from_="Staf Software Enginer", to="Director of Product")
        e = ctx.exception
        self.assertEqual(e.code, "NOT_FOUND")
        self.assertEqual(e.field, "from")
        self.assertEqual(e.suggestions[0], "Staff Software Engineer")
        self.assertIn("did you mean", str(e))
        with self.assertRaises(careergraph.Error) as ctx:
            careergraph.open("/nonexistent/ladder.yaml")
        self.assertEqual(ctx.exception.code, "NOT_FOUND")
        with self.assertRaises(TypeError):
            self.engine.route(route_pb2.RouteRequest(), to="x")

    def test_to_dict_is_protobufs_json_mapping(self):
        d = careergraph.to_dict(self.engine.route(from_="Staff Software Engineer", to="Director of Product"))
        self.assertEqual(d["routes"][0]["steps"][-1]["title"], "Director of Product")
        self.assertIn('"source": "default"', careergraph.to_json(self.engine.info()))

    def test_compare_positions_info(self):
        c = self.engine.compare(from_="Staff Software Engineer", tracks=["pm", "tpm"], horizon_years=10)
        self.assertEqual(len(c.options), 2)
        p = self.engine.positions(search="product", limit=2)
        self.assertEqual(len(p.positions), 2)
        self.assertTrue(p.more)
        self.assertEqual(self.engine.info().source, "default")

    def test_analyze_tables(self):
        report = self.engine.analyze()
        self.assertEqual(len(report.ladders), 1)
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")
        tables = careergraph.analysis_tables(report)
        self.assertIn("tracks", tables)
        self.assertGreater(len(tables["tracks"]), 0)
        self.assertIn("track", tables["tracks"].columns)
        # The default ladder has a competency catalogue: its gates and largest gaps (--top 10).
        self.assertEqual(len(tables["largest_gaps"]), 10)
        self.assertEqual(set(tables["competency_gates"]["kind"]), {"promotion", "track-switch"})

    def test_in_memory_graph_swap_and_threads(self):
        engine = careergraph.open(tiny_ladder("a"))
        self.assertEqual(engine.info().name, "a")
        results, errors = [], []

        def ask():
            try:
                for _ in range(50):
                    results.append(len(engine.route(from_="eng", to="staff").routes[0].steps))
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for t in threads:
            t.start()
        for i in range(20):
            engine.swap(tiny_ladder("b" if i % 2 == 0 else "a"))
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(set(results), {3})
        self.assertEqual(engine.info().generation, 21)
        with self.assertRaises(careergraph.Error) as ctx:
            engine.reload()
        self.assertEqual(ctx.exception.code, "FAILED_PRECONDITION")


if __name__ == "__main__":
    unittest.main()
