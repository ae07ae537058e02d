#include "tools/server/server.h"

namespace careergraph::server {

StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options, EndpointRegistry endpoints,
                                                GraphHolder::Loader loader) {
  std::unique_ptr<Server> s(new Server());
  s->graphs_ = loader ? std::make_shared<GraphHolder>(std::move(loader)) : std::make_shared<GraphHolder>();
  s->graphs_->set_reload_dir(options.reload_dir);
  // The service first: it tells the holder which graphs its searches give tables.
  s->service_ = std::make_unique<Service>(std::move(options.service), s->graphs_, std::move(endpoints));
  auto loaded = s->graphs_->Reload(options.graph.empty() ? "default" : options.graph);
  if (!loaded.ok()) return loaded.status();
  s->http_ = std::make_unique<HttpServer>(*s->service_, std::move(options.transport));
  CAREERGRAPH_RETURN_IF_ERROR(s->http_->Start());
  return s;
}

Server::~Server() {
  if (http_) http_->Stop();
}

}  // namespace careergraph::server
