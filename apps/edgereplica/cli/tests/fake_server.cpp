// The fake server of fake_server.h. Its rules are sync.md's, section by
// section; where it simplifies (no tokens, no expiry, no alarm sweep) the
// header says so.
#include "fake_server.h"

#include <algorithm>
#include <stdexcept>

#include "sync_client.h"

namespace edgereplica::test {

namespace {

bool power_of_two_page(std::uint64_t ps) { return ps >= 512 && ps <= 65536 && (ps & (ps - 1)) == 0; }

std::vector<Range> to_ranges(const std::map<std::uint64_t, std::pair<Hash16, PagePtr>>& staged) {
  std::vector<Range> out;
  for (const auto& [pgno, _] : staged) {
    if (!out.empty() && out.back().first + out.back().count == pgno) {
      out.back().count++;
    } else {
      out.push_back({pgno, 1});
    }
  }
  return out;
}

}  // namespace

FakeServer::FakeServer(ServerLimits limits) : limits_(limits) {}

std::unique_ptr<FakeServer::Connection> FakeServer::connect(const std::string& direction, const std::string& user) {
  return std::unique_ptr<Connection>(new Connection(*this, direction, user));
}

PagePtr FakeServer::intern(const char* data, std::size_t n, const Hash16& h) {
  auto it = interned_.find(h);
  if (it != interned_.end())
    if (PagePtr p = it->second.lock()) return p;
  auto p = std::make_shared<const std::string>(data, n);
  interned_[h] = p;
  return p;
}

std::vector<Hash16> FakeServer::chunk_hashes() const {
  std::vector<Hash16> hashes;
  hashes.reserve(pages_.size());
  for (const auto& p : pages_) hashes.push_back(p.first);
  return edgereplica::chunk_hashes(hashes, limits_.chunk_pages);
}

std::optional<Hash16> FakeServer::root() const {
  if (pages_.empty()) return std::nullopt;
  PageHasher h;
  return root_hash(h, page_size_, pages_.size(), chunk_hashes());
}

std::string FakeServer::page(std::uint64_t pgno) const {
  const PagePtr& p = pages_.at(pgno - 1).second;
  return p ? *p : std::string(page_size_, '\0');
}

std::uint64_t FakeServer::staged_pages(const std::string& session) const {
  auto it = sessions_.find(session);
  return it == sessions_.end() ? 0 : it->second.staged.size();
}

// ---- the state machine ------------------------------------------------------------

std::vector<std::string> FakeServer::Connection::fail(const std::string& code, const std::string& message, int close,
                                                      std::optional<std::uint64_t> generation) {
  Error e;
  e.code = code;
  e.message = message;
  e.fatal = close != 0;
  e.generation = generation;
  if (code == "unsupported_version") e.supported = std::vector<std::uint64_t>{kProtocolVersion};
  if (close) close_code = close;
  return {encode(e)};
}

void FakeServer::Connection::handle_text() {
  if (!close_code) close_code = 1002;
}

void FakeServer::Connection::disconnect() {
  if (phase_ == Phase::push) {
    auto it = server_.sessions_.find(session_);
    if (it != server_.sessions_.end()) it->second.connected = false;
  }
  phase_ = Phase::done;
  if (!close_code) close_code = 1006;
}

std::vector<std::string> FakeServer::Connection::handle(const std::string& message) {
  if (close_code) return {};
  if (message.size() > server_.limits_.max_frame)
    return fail("too_large", "message of " + std::to_string(message.size()) + " bytes", 1009);
  Frame f;
  try {
    f = decode(message);
  } catch (const FrameError& e) {
    return fail(e.code, e.what(), 1002);
  }
  auto out = dispatch(f);
  if (close_code && phase_ == Phase::push) {
    // A fatal error mid-push keeps the staging for resume; a failed commit
    // has already dropped it.
    auto it = server_.sessions_.find(session_);
    if (it != server_.sessions_.end()) it->second.connected = false;
    phase_ = Phase::done;
  }
  return out;
}

std::vector<std::string> FakeServer::Connection::dispatch(const Frame& f) {
  FakeServer& s = server_;
  const ServerLimits& L = s.limits_;
  const std::uint64_t n = s.pages_.size();
  auto out_of_phase = [&] {
    return fail("bad_frame", std::string(frame_name(frame_type(f))) + " is not expected here", 1002);
  };

  if (auto* h = std::get_if<Hello>(&f)) {
    bool rehello = (phase_ == Phase::pull || phase_ == Phase::stale) && h->dir == "pull";
    if (phase_ != Phase::authed && !rehello) return out_of_phase();
    if (h->dir != dir_) return fail("forbidden", "this token is for " + dir_ + ", not " + h->dir, 1008);
    if (h->hash != kHashName) return fail("bad_frame", "hash '" + h->hash + "' is not supported", 1002);
    if (h->max_frame < 4096) return fail("bad_frame", "HELLO.max_frame below 4096", 1002);
    out_max_ = std::min(L.max_frame, h->max_frame);
    Welcome w;
    w.generation = s.generation_;
    w.page_size = n ? s.page_size_ : 0;
    w.page_count = n;
    w.root = s.root();
    w.hash = kHashName;
    w.chunk_pages = L.chunk_pages;
    w.max_frame = out_max_;
    w.window = L.window;
    if (h->dir == "push") {
      if (!h->page_size || !h->page_count || !h->root || !power_of_two_page(*h->page_size) || *h->page_count == 0)
        return fail("bad_frame", "HELLO push needs page_size (512..65536, a power of 2), page_count ≥ 1 and root",
                    1002);
      if (*h->page_size * *h->page_count > L.max_db_bytes)
        return fail("too_large", "the database is over the limit of " + std::to_string(L.max_db_bytes) + " bytes",
                    1008);
      std::size_t connected = 0;
      for (const auto& [_, sess] : s.sessions_) connected += sess.connected;
      if (connected >= L.max_push_sessions) return fail("busy", "too many push sessions on this database", 4029);
      auto it = h->resume ? s.sessions_.find(*h->resume) : s.sessions_.end();
      if (it != s.sessions_.end() &&
          (it->second.user != user_ || it->second.connected || it->second.page_size != *h->page_size))
        it = s.sessions_.end();
      // One disconnected session per user: a new push supersedes the rest.
      for (auto j = s.sessions_.begin(); j != s.sessions_.end();) {
        bool drop = j != it && j->second.user == user_ && !j->second.connected;
        j = drop ? s.sessions_.erase(j) : std::next(j);
      }
      if (it == s.sessions_.end()) {
        session_ = "session-" + std::to_string(s.next_session_++);
        Session sess;
        sess.user = user_;
        sess.page_size = *h->page_size;
        sess.page_count = *h->page_count;
        s.sessions_[session_] = std::move(sess);
      } else {
        session_ = it->first;
        it->second.connected = true;
        it->second.page_count = *h->page_count;
        w.staged = to_ranges(it->second.staged);
      }
      w.session = session_;
      w.same = n && s.page_size_ == *h->page_size && n == *h->page_count && w.root == h->root;
      phase_ = Phase::push;
      last_seq_ = 0;
    } else {
      if (session_.empty()) session_ = "session-" + std::to_string(s.next_session_++);
      w.session = session_;
      w.same = w.root && h->root && *w.root == *h->root;
      pinned_ = s.generation_;
      phase_ = Phase::pull;
    }
    return {encode(w)};
  }

  if (auto* m = std::get_if<ManifestReq>(&f)) {
    if (phase_ == Phase::stale) return {};
    if (phase_ != Phase::push && phase_ != Phase::pull) return out_of_phase();
    if (phase_ == Phase::pull && s.generation_ != pinned_) {
      phase_ = Phase::stale;
      return fail("generation_changed", "a commit landed: hello again", 0, s.generation_);
    }
    const std::uint64_t extent = m->level == 0 ? (n + L.chunk_pages - 1) / L.chunk_pages : n;
    const std::uint64_t base = m->level == 0 ? 0 : 1;
    const std::uint64_t per = hashes_per_manifest(out_max_);
    std::uint64_t total = 0;
    for (const Range& r : m->ranges) {
      if (r.count == 0 || r.first < base || r.first - base + r.count > extent)
        return fail("bad_frame", "MANIFEST_REQ range [" + std::to_string(r.first) + ", " + std::to_string(r.count) +
                                     "] is outside the image",
                    1002);
      total += r.count;
    }
    if (total > L.window * per) return fail("bad_frame", "MANIFEST_REQ asks for too many hashes at once", 1002);
    std::vector<Hash16> chunks;
    if (m->level == 0) chunks = s.chunk_hashes();
    std::vector<std::string> out;
    for (const Range& r : m->ranges) {
      for (std::uint64_t off = 0; off < r.count; off += per) {
        Manifest mf;
        mf.level = m->level;
        mf.first = r.first + off;
        mf.count = std::min(per, r.count - off);
        mf.generation = s.generation_;
        for (std::uint64_t k = 0; k < mf.count; k++) {
          const Hash16& h = m->level == 0 ? chunks[mf.first + k] : s.pages_[mf.first + k - 1].first;
          mf.hashes.append(reinterpret_cast<const char*>(h.data()), 16);
        }
        out.push_back(encode(mf));
      }
    }
    return out;
  }

  if (auto* r = std::get_if<PageReq>(&f)) {
    if (phase_ == Phase::stale) return {};
    if (phase_ != Phase::pull) return out_of_phase();
    if (s.generation_ != pinned_) {
      phase_ = Phase::stale;
      return fail("generation_changed", "a commit landed: hello again", 0, s.generation_);
    }
    const std::uint64_t ps = s.page_size_;
    std::uint64_t total = 0;
    for (const Range& g : r->ranges) {
      if (g.count == 0 || g.first < 1 || g.first + g.count - 1 > n)
        return fail("bad_frame", "PAGE_REQ range outside the image", 1002);
      total += g.count;
    }
    if (total > L.window * pages_per_frame(out_max_, ps))
      return fail("bad_frame", "PAGE_REQ asks for more than window × pages_per_frame pages", 1002);
    std::vector<std::string> out;
    PageData d;
    d.req = r->req;
    d.generation = s.generation_;
    std::uint64_t bytes = kFrameOverhead, prev = 0;
    auto flush = [&](bool last) {
      d.last = last;
      if (s.tamper_page_data) s.tamper_page_data(d);
      out.push_back(encode(d));
      d.runs.clear();
      bytes = kFrameOverhead;
    };
    for (const Range& g : r->ranges) {
      for (std::uint64_t p = g.first; p < g.first + g.count; p++) {
        if (is_lock_page(p, ps)) continue;
        bool extend = !d.runs.empty() && p == prev + 1;
        std::uint64_t cost = ps + (extend ? 0 : kPerRunOverhead);
        if (bytes + cost > out_max_) {
          flush(false);
          extend = false;
          cost = ps + kPerRunOverhead;
        }
        if (!extend) {
          d.runs.push_back({p, {}});
          d.runs.back().data.reserve(out_max_ - bytes);
        }
        d.runs.back().data += *s.pages_[p - 1].second;
        bytes += cost;
        prev = p;
      }
    }
    flush(true);
    return out;
  }

  if (auto* p = std::get_if<Pages>(&f)) {
    if (phase_ != Phase::push) return out_of_phase();
    Session& sess = s.sessions_.at(session_);
    const std::uint64_t ps = sess.page_size, max_pages = L.max_db_bytes / ps;
    if (p->seq != last_seq_ + 1)
      return fail("bad_frame", "PAGES seq " + std::to_string(p->seq) + ", expected " + std::to_string(last_seq_ + 1),
                  1002);
    for (const Run& run : p->runs) {
      std::uint64_t k = run.data.size() / ps;
      if (run.data.empty() || run.data.size() % ps || run.first < 1 || run.first + k - 1 > max_pages)
        return fail("bad_frame", "PAGES run at page " + std::to_string(run.first) + " of " +
                                     std::to_string(run.data.size()) + " bytes",
                    1002);
      std::uint64_t lp = lock_page(ps);
      if (lp >= run.first && lp < run.first + k) return fail("bad_frame", "PAGES run covers the lock-byte page", 1002);
    }
    for (const Run& run : p->runs) {
      for (std::uint64_t i = 0; i < run.data.size() / ps; i++) {
        const char* data = run.data.data() + i * ps;
        Hash16 h = s.hasher_.page(data, ps);
        sess.staged[run.first + i] = {h, s.intern(data, ps, h)};
        s.pages_staged_total++;
      }
    }
    last_seq_ = p->seq;
    return {encode(Ack{p->seq, sess.staged.size()})};
  }

  if (auto* c = std::get_if<Commit>(&f)) {
    if (phase_ != Phase::push) return out_of_phase();
    auto it = s.sessions_.find(session_);
    Session& sess = it->second;
    if (c->page_size != sess.page_size) return fail("bad_frame", "COMMIT.page_size differs from HELLO's", 1002);
    auto drop = [&] {
      s.sessions_.erase(it);
      phase_ = Phase::done;
    };
    if (c->base != s.generation_) {
      auto out = fail("conflict", "the database is at generation " + std::to_string(s.generation_) + ", not " +
                                      std::to_string(c->base),
                      4009, s.generation_);
      drop();
      return out;
    }
    const std::uint64_t ps = c->page_size, N = c->page_count;
    if (N == 0 || N * ps > L.max_db_bytes) {
      auto out = fail("too_large", "COMMIT.page_count out of range", 1008);
      drop();
      return out;
    }
    std::vector<std::pair<Hash16, PagePtr>> next;
    if (ps == s.page_size_) next = s.pages_;
    next.resize(N);
    std::uint64_t written = 0;
    for (const auto& [pgno, page] : sess.staged) {
      if (pgno > N) continue;
      next[pgno - 1] = page;
      written++;
    }
    std::uint64_t lp = lock_page(ps);
    if (lp <= N) next[lp - 1] = {kZeroHash, nullptr};
    for (std::uint64_t pg = 1; pg <= N; pg++) {
      if (pg != lp && !next[pg - 1].second) {
        auto out = fail("bad_root", "page " + std::to_string(pg) + " is missing after the apply", 4010);
        drop();
        return out;
      }
    }
    const std::string& p1 = *next[0].second;
    std::uint64_t hps = (std::uint64_t{static_cast<unsigned char>(p1[16])} << 8) | static_cast<unsigned char>(p1[17]);
    if (p1.compare(0, 16, std::string("SQLite format 3\0", 16)) != 0 || (hps == 1 ? 65536 : hps) != ps) {
      auto out = fail("bad_frame", "page 1 is not a SQLite header of page size " + std::to_string(ps), 1002);
      drop();
      return out;
    }
    std::vector<Hash16> hashes;
    for (const auto& pg : next) hashes.push_back(pg.first);
    Hash16 root = image_root(hashes, ps, L.chunk_pages);
    if (root != c->root) {
      auto out = fail("bad_root", "the root after the apply differs from COMMIT.root", 4010);
      drop();
      return out;
    }
    s.pages_ = std::move(next);
    s.page_size_ = ps;
    s.generation_++;
    s.pages_written_total += written;
    drop();
    return {encode(Committed{s.generation_, root, N, written})};
  }

  if (auto* b = std::get_if<Bye>(&f)) {
    if (phase_ == Phase::push) {
      auto it = s.sessions_.find(session_);
      if (b->abort) {
        s.sessions_.erase(it);
      } else {
        it->second.connected = false;
      }
    }
    phase_ = Phase::done;
    close_code = 1000;
    return {};
  }

  if (std::holds_alternative<Error>(f)) {  // the client gives up; staging stays for resume
    disconnect();
    close_code = 1000;
    return {};
  }
  return fail("bad_frame", std::string(frame_name(frame_type(f))) + " is a server frame", 1002);
}

// ---- LoopbackTransport ---------------------------------------------------------------

void LoopbackTransport::send(const std::string& message) {
  sends++;
  if (dropped_) throw TransportError(1006, "connection dropped");
  if (conn_->close_code) throw TransportError(*conn_->close_code, "closed by the server");
  if (drop_at_send && sends == *drop_at_send) {
    dropped_ = true;
    conn_->disconnect();
    throw TransportError(1006, "connection dropped (test)");
  }
  if (before_send) before_send(decode(message));
  bytes_sent += message.size();
  if (record) log.push_back({true, message});
  for (std::string& m : conn_->handle(message)) {
    if (record) log.push_back({false, m});
    inbox_.push_back(std::move(m));
  }
}

std::string LoopbackTransport::recv() {
  if (!inbox_.empty()) {
    std::string m = std::move(inbox_.front());
    inbox_.pop_front();
    bytes_received += m.size();
    return m;
  }
  if (dropped_) throw TransportError(1006, "connection dropped");
  if (conn_->close_code) throw TransportError(*conn_->close_code, "closed by the server");
  throw std::logic_error("the client waits for a message the server will never send");
}

void LoopbackTransport::close(int code) {
  if (closed) return;
  closed = code;
  conn_->disconnect();
}

// ---- images ---------------------------------------------------------------------------

MemorySource::MemorySource(std::uint64_t page_size, std::vector<std::string> pages)
    : page_size_(page_size), pages_(std::move(pages)) {
  rehash();
}

void MemorySource::rehash() {
  PageHasher h;
  hashes_.clear();
  for (std::size_t i = 0; i < pages_.size(); i++)
    hashes_.push_back(is_lock_page(i + 1, page_size_) ? kZeroHash : h.page(pages_[i]));
}

std::vector<Hash16> MemorySink::prepare(std::uint64_t ps, std::uint64_t count) {
  if (ps != page_size) pages.clear();
  page_size = ps;
  std::size_t keep = std::min<std::size_t>(pages.size(), count);
  pages.resize(count);
  PageHasher h;
  std::vector<Hash16> out;
  for (std::size_t i = 0; i < keep; i++) out.push_back(is_lock_page(i + 1, ps) ? kZeroHash : h.page(pages[i]));
  for (std::size_t i = keep; i < count; i++) pages[i].assign(ps, '\0');
  return out;
}

void MemorySink::write(std::uint64_t pgno, const char* data, std::size_t n) {
  pages.at(pgno - 1).assign(data, n);
  writes++;
}

void MemorySink::finish(const Hash16& expected_root, std::uint64_t chunk_pages) {
  MemorySource img(page_size, pages);
  if (image_root(img.page_hashes(), page_size, chunk_pages) != expected_root)
    throw SyncError(Exit::protocol, "the pulled image does not match the remote root");
}

std::vector<std::string> synthetic_pages(std::uint64_t page_size, std::uint64_t count, std::uint32_t seed) {
  std::vector<std::string> pages;
  for (std::uint64_t p = 1; p <= count; p++) {
    std::string page(page_size, '\0');
    std::uint32_t x = seed * 2654435761u + static_cast<std::uint32_t>(p) * 40503u + 1;
    for (auto& c : page) {
      x = x * 1103515245u + 12345u;
      c = static_cast<char>(x >> 24);
    }
    if (p == 1) {
      auto put32 = [&](std::size_t off, std::uint32_t v) {
        for (int i = 0; i < 4; i++) page[off + i] = static_cast<char>(v >> (24 - 8 * i));
      };
      page.replace(0, 16, std::string("SQLite format 3\0", 16));
      std::uint64_t hps = page_size == 65536 ? 1 : page_size;
      page[16] = static_cast<char>(hps >> 8);
      page[17] = static_cast<char>(hps & 0xff);
      put32(24, seed);
      put32(28, static_cast<std::uint32_t>(count));
      put32(92, seed);
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace edgereplica::test
