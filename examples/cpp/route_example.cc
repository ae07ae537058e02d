// The README's "Use it as a library" example: open a graph, ask for a route, print it.
#include <careergraph/careergraph.h>

#include <iostream>

int main(int argc, char** argv) {
  auto engine = careergraph::Engine::Open(argc > 1 ? argv[1] : "default");  // or "onet", a file, a v1::Graph
  if (!engine) {
    std::cerr << "error: " << engine.error().message() << "\n";
    return 1;
  }
  careergraph::v1::RouteRequest request;
  request.set_from("Staff Software Engineer");
  request.set_to("Director of Product");
  request.set_objective(careergraph::v1::OBJECTIVE_SAFEST);
  auto route = engine->Route(request);  // Result<v1::RouteResponse>: the response or a v1::Error
  if (!route) {
    std::cerr << "error: " << route.error().message() << "\n";
    return 1;
  }
  for (const auto& step : route->routes(0).steps())
    std::cout << step.cumulative_years() << " years: " << step.title() << " ($" << step.pay() << ")\n";
  std::cout << "success probability " << route->routes(0).totals().probability() << "\n";
}
