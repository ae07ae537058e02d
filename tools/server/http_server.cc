#include "tools/server/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "tools/server/worker_pool.h"

namespace careergraph::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

constexpr std::size_t kHeaderLimit = 16 * 1024;
// After an error answer sent before the body was read (413), unread bytes are drained for
// this long so that closing does not reset the connection before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
// Admin requests that may wait for the admin thread (reloads run one at a time anyway).
constexpr std::size_t kAdminQueue = 4;

}  // namespace

struct HttpServer::Impl {
  class Session;

  Impl(Service& s, TransportOptions o)
      : service(s), opts(std::move(o)), ioc(static_cast<int>(std::max(1u, opts.io_threads))),
        acceptor(net::make_strand(ioc)), accept_retry(acceptor.get_executor()) {}

  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void Unregister(std::list<std::weak_ptr<Session>>::iterator it);
  std::size_t Connections() {
    std::lock_guard<std::mutex> lock(sessions_mu);
    return sessions.size();
  }

  Service& service;
  TransportOptions opts;
  std::atomic<bool> stopping{false};
  std::mutex stop_mu;  // Start/Stop against each other
  bool started = false, stopped = false;
  std::uint16_t port = 0;
  // Declared before the io_context: sessions destroyed with its pending handlers unregister
  // themselves here.
  std::mutex sessions_mu;
  std::condition_variable sessions_cv;
  std::list<std::weak_ptr<Session>> sessions;
  std::unique_ptr<WorkerPool> pool;
  // Long admin work (Service::Plan::background: a reload) runs here, one at a time, so it
  // never takes a query worker.
  std::unique_ptr<WorkerPool> admin_pool;
  net::io_context ioc;
  // Keeps the io threads in ioc.run() while nothing is pending on the sockets, e.g. when
  // every open connection waits for its answer from the worker pool: without it they would
  // return, and the answers posted back afterwards would never be written.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;
  std::vector<std::thread> io_threads;
};

// One connection: read a request, answer it (here or on a worker), write, repeat.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& srv, tcp::socket&& socket) : srv_(srv), stream_(std::move(socket)), timer_(stream_.get_executor()) {
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = ep.address().to_string() + ":" + std::to_string(ep.port());
  }
  ~Session() { srv_.Unregister(it_); }

  void Start(std::list<std::weak_ptr<Session>>::iterator it) {
    it_ = it;
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
  }

  // Posted by HttpServer::Stop: a connection waiting for its next request closes now; one
  // with a request in progress finishes it and closes after the response.
  void OnStop() {
    if (state_ == State::kReading && !(parser_ && parser_->got_some())) Close();
  }

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  enum class State { kReading, kProcessing, kWriting, kClosed };

  void DoRead() {
    if (srv_.stopping.load()) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(srv_.opts.max_body);
    state_ = State::kReading;
    stream_.expires_after(srv_.opts.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue") && !parser_->is_done()) {
      continue_ = {http::status::continue_, 11};
      http::async_write(stream_, continue_, [self = shared_from_this()](beast::error_code wec, std::size_t) {
        if (wec) return self->Close();
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    // A small body usually arrived with the header: parse what is buffered before waiting
    // on the network again.
    parser_->eager(true);
    while (!parser_->is_done() && buffer_.size() > 0) {
      beast::error_code ec;
      const std::size_t n = parser_->put(buffer_.data(), ec);
      buffer_.consume(n);
      if (ec == http::error::need_more) break;
      if (ec) return OnReadError(ec);
      if (n == 0) break;
    }
    if (parser_->is_done()) return Dispatch();
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->OnReadError(ec);
      self->Dispatch();
    });
  }

  void OnReadError(beast::error_code ec) {
    if (state_ == State::kClosed) return;
    // The client went away, went idle past the limit, or the server is stopping.
    if (ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
        !parser_ || !parser_->got_some())
      return Close();
    start_ = Clock::now();
    meta_ = srv_.service.UnparsedMeta(peer_);
    if (parser_->is_header_done()) {
      meta_.method = std::string(parser_->get().method_string());
      meta_.target = std::string(parser_->get().target());
      meta_.format = ResponseFormat(View(parser_->get()[http::field::accept]));
    }
    keep_alive_ = false;
    linger_ = true;
    Status st;
    if (ec == http::error::body_limit)
      st = Status::TooLarge("the request body is larger than this server's limit of " +
                            std::to_string(srv_.opts.max_body) + " bytes (--max-body)")
               .WithField("body");
    else if (ec == http::error::header_limit)
      st = Status::TooLarge("the request headers are larger than " + std::to_string(kHeaderLimit) + " bytes");
    else
      st = Status::InvalidArgument("malformed HTTP request: " + ec.message());
    Respond(srv_.service.ErrorResponse(st, meta_.format));
  }

  void Dispatch() {
    http::request<http::string_body> msg = parser_->release();
    HttpRequest req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.content_type = std::string(msg[http::field::content_type]);
    req.accept = std::string(msg[http::field::accept]);
    req.authorization = std::string(msg[http::field::authorization]);
    req.origin = std::string(msg[http::field::origin]);
    req.body = std::move(msg.body());
    req.peer = peer_;
    keep_alive_ = msg.keep_alive();
    http10_ = msg.version() == 10;
    linger_ = false;
    stream_.expires_never();
    state_ = State::kProcessing;
    start_ = Clock::now();
    const Clock::time_point deadline = start_ + srv_.opts.deadline;

    Service::Plan plan = srv_.service.Prepare(std::move(req), deadline);
    meta_ = std::move(plan.meta);
    if (plan.now) return Respond(std::move(*plan.now));

    const std::uint64_t seq = ++seq_;
    auto self = shared_from_this();
    WorkerPool& pool = plan.background ? *srv_.admin_pool : *srv_.pool;
    const bool accepted = pool.TrySubmit([self, seq, work = std::move(plan.work), meta = meta_]() mutable {
      HttpResponse resp = work(&meta);
      net::post(self->stream_.get_executor(), [self, seq, resp = std::move(resp), meta = std::move(meta)]() mutable {
        self->OnAnswer(seq, std::move(resp), std::move(meta.graph_version));
      });
    });
    if (!accepted) {
      HttpResponse busy = srv_.service.ErrorResponse(
          Status(v1::OVERLOADED, "the server is at capacity (" + std::to_string(pool.threads()) +
                                     " workers busy, " + std::to_string(pool.queue_capacity()) +
                                     " requests queued); retry after a short wait"),
          meta_.format);
      busy.headers.emplace_back("Retry-After", "1");
      return Respond(std::move(busy));
    }
    if (!plan.deadline) return;
    timer_.expires_at(deadline);
    timer_.async_wait([self, seq](beast::error_code ec) {
      if (!ec) self->OnDeadline(seq);
    });
  }

  void OnAnswer(std::uint64_t seq, HttpResponse resp, std::string graph_version) {
    if (seq != seq_ || state_ != State::kProcessing) return;  // answered 504 already
    timer_.cancel();
    meta_.graph_version = std::move(graph_version);
    Respond(std::move(resp));
  }

  void OnDeadline(std::uint64_t seq) {
    if (seq != seq_ || state_ != State::kProcessing) return;
    Respond(srv_.service.ErrorResponse(
        Status(v1::DEADLINE_EXCEEDED,
               "no answer within this server's deadline of " + std::to_string(srv_.opts.deadline.count()) +
                   " ms; ask a narrower question (fewer alternatives, a smaller front) or retry later"),
        meta_.format));
  }

  void Respond(HttpResponse r) {
    srv_.service.Complete(meta_, &r, start_);
    // The head is written by hand: a handful of headers, and Beast's general serializer cost
    // more than the rest of the I/O path.
    close_after_ = !keep_alive_ || srv_.stopping.load();
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(r.status);
    head_ += ' ';
    head_ += View(http::obsolete_reason(http::int_to_status(static_cast<unsigned>(r.status))));
    head_ += "\r\nServer: careergraph\r\n";
    if (!r.content_type.empty()) head_ += "Content-Type: " + r.content_type + "\r\n";
    for (const auto& [name, value] : r.headers) head_ += name + ": " + value + "\r\n";
    if (r.status != 204) head_ += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    if (close_after_) head_ += "Connection: close\r\n";
    else if (http10_) head_ += "Connection: keep-alive\r\n";
    head_ += "\r\n";
    body_ = std::move(r.body);
    state_ = State::kWriting;
    stream_.expires_after(srv_.opts.idle_timeout);
    const std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::buffer(body_)};
    net::async_write(stream_, buffers, beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    if (ec) return Close();
    if (linger_) return Linger();
    if (close_after_) return Close();
    DoRead();
  }

  // Half-closes, then reads and discards what the client is still sending until it closes
  // too (or kLingerTime passes), so it gets to read the error response.
  void Linger() {
    state_ = State::kWriting;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTime);
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code rec, std::size_t) {
                              if (rec) return self->Close();
                              self->Linger();
                            });
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    timer_.cancel();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  Impl& srv_;
  beast::tcp_stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::empty_body> continue_;
  std::string head_, body_;  // the response being written
  std::array<char, 4096> discard_{};
  std::list<std::weak_ptr<Session>>::iterator it_;
  std::string peer_;
  State state_ = State::kReading;
  bool keep_alive_ = true;
  bool http10_ = false;
  bool close_after_ = false;
  bool linger_ = false;
  std::uint64_t seq_ = 0;  // identifies the request in progress, so a late answer is dropped
  Clock::time_point start_;
  Service::Meta meta_;
};

void HttpServer::Impl::DoAccept() {
  acceptor.async_accept(net::make_strand(ioc), beast::bind_front_handler(&Impl::OnAccept, this));
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec) {
    if (ec == net::error::operation_aborted || !acceptor.is_open() || stopping.load()) return;
    // Out of file descriptors and the like: back off instead of spinning.
    accept_retry.expires_after(std::chrono::milliseconds(50));
    accept_retry.async_wait([this](beast::error_code tec) {
      if (!tec && !stopping.load()) DoAccept();
    });
    return;
  }
  beast::error_code opt_ec;
  socket.set_option(tcp::no_delay(true), opt_ec);
  // Declared outside the lock: once started, the session may finish on another io thread
  // before this scope ends, and then this is the last reference; its destructor
  // unregisters under sessions_mu, which must not be held here then.
  std::shared_ptr<Session> session;
  {
    std::lock_guard<std::mutex> lock(sessions_mu);
    if (!stopping.load()) {
      session = std::make_shared<Session>(*this, std::move(socket));
      sessions.push_back(session);
      session->Start(std::prev(sessions.end()));
    }
  }
  session.reset();
  if (!stopping.load()) DoAccept();
}

void HttpServer::Impl::Unregister(std::list<std::weak_ptr<Session>>::iterator it) {
  std::lock_guard<std::mutex> lock(sessions_mu);
  sessions.erase(it);
  if (sessions.empty()) sessions_cv.notify_all();
}

HttpServer::HttpServer(Service& service, TransportOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

HttpServer::~HttpServer() { Stop(); }

std::uint16_t HttpServer::port() const { return impl_->port; }

Status HttpServer::Start() {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> lock(s.stop_mu);
  if (s.started) return Status::InvalidArgument("the server is already started");
  const std::string where = s.opts.host + ":" + std::to_string(s.opts.port);
  beast::error_code ec;
  tcp::endpoint endpoint;
  const auto addr = net::ip::make_address(s.opts.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(addr, s.opts.port);
  } else {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.opts.host, std::to_string(s.opts.port), ec);
    if (ec || results.empty())
      return Status::InvalidArgument("cannot resolve host '" + s.opts.host + "': " + ec.message()).WithField("host");
    endpoint = results.begin()->endpoint();
  }
  auto fail = [&](const char* step) {
    return Status::Io(std::string("cannot listen on ") + where + " (" + step + "): " + ec.message() +
                      (ec == net::error::address_in_use ? "; another process has the port, choose another with --port"
                                                        : ""))
        .WithField("port");
  };
  if (s.acceptor.open(endpoint.protocol(), ec); ec) return fail("open");
  if (s.acceptor.set_option(net::socket_base::reuse_address(true), ec); ec) return fail("reuse_address");
  if (s.acceptor.bind(endpoint, ec); ec) return fail("bind");
  if (s.acceptor.listen(net::socket_base::max_listen_connections, ec); ec) return fail("listen");
  s.port = s.acceptor.local_endpoint().port();

  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  s.pool = std::make_unique<WorkerPool>(s.opts.threads ? s.opts.threads : hw, s.opts.queue);
  s.admin_pool = std::make_unique<WorkerPool>(1, kAdminQueue);
  s.service.SetLoadGauges([&s] {
    LoadGauges g;
    g.workers = s.pool->threads();
    g.queue_capacity = s.pool->queue_capacity();
    g.running = s.pool->running();
    g.queued = s.pool->queued();
    g.connections = s.Connections();
    return g;
  });
  s.DoAccept();
  s.work.emplace(s.ioc.get_executor());
  for (unsigned i = 0; i < std::max(1u, s.opts.io_threads); ++i) {
    s.io_threads.emplace_back([&s] {
      for (;;) {
        try {
          s.ioc.run();
          return;
        } catch (const std::exception& e) {
          // Handlers do not throw by design; if one does, log it and keep serving.
          std::fprintf(stderr, "careergraph serve: I/O thread: %s\n", e.what());
        }
      }
    });
  }
  s.started = true;
  return Status::Ok();
}

void HttpServer::Stop() {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> lock(s.stop_mu);
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.stopping.store(true);
  s.service.SetDraining(true);
  net::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ec;
    s.acceptor.close(ec);
    s.accept_retry.cancel();
  });
  {
    std::vector<std::shared_ptr<Impl::Session>> alive;
    {
      std::lock_guard<std::mutex> sl(s.sessions_mu);
      for (auto& w : s.sessions)
        if (auto p = w.lock()) alive.push_back(std::move(p));
    }
    for (auto& p : alive) net::post(p->executor(), [p] { p->OnStop(); });
  }
  {
    std::unique_lock<std::mutex> sl(s.sessions_mu);
    s.sessions_cv.wait_for(sl, s.opts.drain_timeout, [&s] { return s.sessions.empty(); });
  }
  // Answers still being computed (past the drain timeout, or already answered 504) are
  // stopped: the engine's loops see the flag within milliseconds, so the drain is quick.
  s.service.Abandon();
  s.pool->Drain();
  s.admin_pool->Drain();
  s.work.reset();
  s.ioc.stop();
  for (auto& t : s.io_threads)
    if (t.joinable()) t.join();
  s.service.SetLoadGauges({});
}

}  // namespace careergraph::server
