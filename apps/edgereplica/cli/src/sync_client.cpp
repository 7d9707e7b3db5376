// The client state machine of sync_client.h. Each function is one linear
// conversation (the protocol has no client-side concurrency beyond the
// pipelining window), so it is written as straight-line code over a Conn
// that counts, encodes and decodes, and turns ERROR frames into SyncErrors.
#include "sync_client.h"

#include <algorithm>
#include <chrono>
#include <deque>

namespace edgereplica {

const char* const kClientName = "edgereplica/0.1.0";

std::uint64_t pages_per_frame(std::uint64_t max_frame, std::uint64_t page_size) {
  std::uint64_t room = max_frame > kFrameOverhead + kPerRunOverhead ? max_frame - kFrameOverhead - kPerRunOverhead : 0;
  return std::max<std::uint64_t>(1, room / page_size);
}
std::uint64_t hashes_per_manifest(std::uint64_t max_frame) { return (max_frame - kFrameOverhead) / 16; }

Exit exit_for_error_code(const std::string& code) {
  if (code == "unauthenticated" || code == "expired" || code == "forbidden") return Exit::auth;
  if (code == "not_found") return Exit::not_found;
  if (code == "conflict") return Exit::conflict;
  if (code == "busy" || code == "generation_changed") return Exit::network;  // retryable
  return Exit::protocol;  // unsupported_version, bad_frame, too_large, bad_root, internal, unknown codes
}

Exit exit_for_close_code(int c) {
  switch (c) {
    case 1008: case 4001: return Exit::auth;
    case 4004: return Exit::not_found;
    case 4009: return Exit::conflict;
    case 4029: return Exit::network;
    case 1002: case 1003: case 1007: case 1009: case 1011: case 4010: return Exit::protocol;
    default: return Exit::network;  // 1000/1001 mid-conversation, 1006 (dropped), anything else
  }
}

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

class Conn {
 public:
  Conn(Transport& t, Stats& st) : t_(t), st_(st) {}
  void send(const Frame& f) {
    std::string m = encode(f);
    st_.frames_sent++;
    st_.payload_bytes_sent += m.size();
    try {
      t_.send(m);
    } catch (const TransportError& e) {
      throw SyncError(exit_for_close_code(e.close_code), std::string("connection lost: ") + e.what());
    }
  }
  Frame recv() {
    std::string m;
    try {
      m = t_.recv();
    } catch (const TransportError& e) {
      throw SyncError(exit_for_close_code(e.close_code),
                      "connection closed (" + std::to_string(e.close_code) + "): " + e.what());
    }
    st_.frames_received++;
    st_.payload_bytes_received += m.size();
    try {
      return decode(m);
    } catch (const FrameError& e) {
      throw SyncError(Exit::protocol, std::string("the server sent a bad frame: ") + e.what(), e.code);
    }
  }
  // The next frame, which must be a T; an ERROR frame becomes a SyncError.
  template <class T>
  T expect() {
    Frame f = recv();
    if (auto* e = std::get_if<Error>(&f)) {
      throw SyncError(exit_for_error_code(e->code), "server: " + e->code + ": " + e->message, e->code, e->generation);
    }
    if (auto* v = std::get_if<T>(&f)) return std::move(*v);
    throw SyncError(Exit::protocol, std::string("expected ") + frame_name(frame_type(T{})) + ", got " +
                                        frame_name(frame_type(f)));
  }
  void close() noexcept {
    try {
      t_.close(1000);
    } catch (...) {
    }
  }

 private:
  Transport& t_;
  Stats& st_;
};

void check_welcome(const Welcome& w) {
  if (w.hash != kHashName) throw SyncError(Exit::protocol, "the server hashes with '" + w.hash + "'; this client: " + kHashName);
  if (w.chunk_pages == 0 || w.window == 0 || w.max_frame < 4096)
    throw SyncError(Exit::protocol, "WELCOME has a zero chunk_pages or window, or max_frame < 4096");
}

// Appends [first, first+count) as ranges that skip the lock-byte page.
void add_range(std::vector<Range>& out, std::uint64_t first, std::uint64_t count, std::uint64_t page_size) {
  std::uint64_t lp = lock_page(page_size);
  std::uint64_t end = first + count;
  if (lp >= first && lp < end) {
    if (lp > first) add_range(out, first, lp - first, page_size);
    if (end > lp + 1) add_range(out, lp + 1, end - lp - 1, page_size);
    return;
  }
  if (!out.empty() && out.back().first + out.back().count == first) {
    out.back().count += count;
  } else {
    out.push_back({first, count});
  }
}

// Cuts a list of ranges into consecutive requests of at most `limit` items
// (hashes or pages), splitting a range across two requests where needed.
class RangeBatches {
 public:
  RangeBatches(const std::vector<Range>& ranges, std::uint64_t limit) : ranges_(ranges), limit_(limit) {}
  bool done() const { return i_ >= ranges_.size(); }
  std::vector<Range> next(std::uint64_t& total) {
    std::vector<Range> out;
    total = 0;
    while (i_ < ranges_.size() && total < limit_) {
      std::uint64_t n = std::min(ranges_[i_].count - offset_, limit_ - total);
      out.push_back({ranges_[i_].first + offset_, n});
      total += n;
      offset_ += n;
      if (offset_ == ranges_[i_].count) i_++, offset_ = 0;
    }
    return out;
  }

 private:
  const std::vector<Range>& ranges_;
  std::uint64_t limit_;
  std::size_t i_ = 0;
  std::uint64_t offset_ = 0;  // into ranges_[i_]
};

// Requests the hashes of `ranges` at `level` in MANIFEST_REQs of at most
// `per_req` hashes each and calls on(index, hash) for every one received.
template <class On>
void fetch_manifest(Conn& c, std::uint64_t level, const std::vector<Range>& ranges, std::uint64_t per_req,
                    std::optional<std::uint64_t> pinned, Stats& st, On on) {
  RangeBatches batches(ranges, per_req);
  while (!batches.done()) {
    std::uint64_t total = 0;
    ManifestReq req{level, batches.next(total)};
    c.send(req);
    for (const Range& r : req.ranges) {
      std::uint64_t got = 0;
      while (got < r.count) {
        Manifest m = c.expect<Manifest>();
        if (m.level != level || m.first != r.first + got || m.count == 0 || m.count > r.count - got)
          throw SyncError(Exit::protocol, "MANIFEST does not answer the request (level " + std::to_string(m.level) +
                                              ", first " + std::to_string(m.first) + ")");
        if (pinned && m.generation != *pinned)
          throw SyncError(Exit::protocol, "MANIFEST of generation " + std::to_string(m.generation) + ", pinned at " +
                                              std::to_string(*pinned));
        for (std::uint64_t k = 0; k < m.count; k++) {
          Hash16 h;
          std::copy_n(reinterpret_cast<const std::uint8_t*>(m.hashes.data()) + 16 * k, 16, h.begin());
          on(m.first + k, h);
        }
        st.hashes_received += m.count;
        got += m.count;
      }
    }
  }
}

// The pages in 1..min(local, remote) whose remote hash differs from local:
// chunk hashes first, then page hashes of the chunks that differ.
std::vector<std::uint64_t> differing_pages(Conn& c, const std::vector<Hash16>& local, std::uint64_t n_remote,
                                           const Welcome& w, std::optional<std::uint64_t> pinned, Stats& st) {
  const std::uint64_t cp = w.chunk_pages;
  const std::uint64_t common = std::min<std::uint64_t>(local.size(), n_remote);
  if (common == 0) return {};
  const std::uint64_t per_req = w.window * hashes_per_manifest(w.max_frame);
  // Chunks whose extent is the same on both sides compare at level 0; the
  // last one is shorter locally when the remote has more pages past it.
  std::uint64_t n_chunks = (common + cp - 1) / cp;
  std::uint64_t comparable = (n_remote > common && common % cp != 0) ? n_chunks - 1 : n_chunks;
  std::vector<Hash16> local_common(local.begin(), local.begin() + static_cast<std::ptrdiff_t>(common));
  std::vector<Hash16> local_chunks = chunk_hashes(local_common, cp);
  std::vector<Range> level1;
  auto chunk_pages_range = [&](std::uint64_t chunk) {
    std::uint64_t first = chunk * cp + 1;
    add_range(level1, first, std::min(cp, common - chunk * cp), w.page_size);
  };
  if (comparable > 0) {
    fetch_manifest(c, 0, {{0, comparable}}, per_req, pinned, st, [&](std::uint64_t chunk, const Hash16& h) {
      if (h != local_chunks[chunk]) chunk_pages_range(chunk);
    });
  }
  if (comparable < n_chunks) chunk_pages_range(n_chunks - 1);
  std::vector<std::uint64_t> out;
  fetch_manifest(c, 1, level1, per_req, pinned, st, [&](std::uint64_t pgno, const Hash16& h) {
    if (h != local[pgno - 1]) out.push_back(pgno);
  });
  return out;
}

bool in_ranges(const std::vector<Range>& rs, std::uint64_t pgno) {
  for (const Range& r : rs)
    if (pgno >= r.first && pgno < r.first + r.count) return true;
  return false;
}

}  // namespace

PushResult push(Transport& t, PageSource& src, const PushOptions& opts) {
  PushResult res;
  Stats& st = res.stats;
  auto t0 = Clock::now();
  Conn c(t, st);
  try {
    const std::uint64_t ps = src.page_size(), n = src.page_count();
    auto th = Clock::now();
    const std::vector<Hash16>& local = src.page_hashes();
    st.hash_ms = ms_since(th);
    Hash16 root256 = image_root(local, ps, kDefaultChunkPages);
    std::optional<std::string> resume;
    if (opts.resume && opts.resume->local_root == root256 && opts.resume->page_size == ps &&
        opts.resume->page_count == n)
      resume = opts.resume->session;

    Hello hello;
    hello.dir = "push";
    hello.client = kClientName;
    hello.hash = kHashName;
    hello.page_size = ps;
    hello.page_count = n;
    hello.root = root256;
    hello.base = opts.base;
    hello.resume = resume;
    hello.max_frame = kClientMaxFrame;
    c.send(hello);
    Welcome w = c.expect<Welcome>();
    check_welcome(w);
    res.root = w.chunk_pages == kDefaultChunkPages ? root256 : image_root(local, ps, w.chunk_pages);
    bool same = w.same || (w.page_size == ps && w.page_count == n && w.root && *w.root == res.root);
    if (same) {
      c.send(Bye{true});
      c.close();
      res.same = true;
      res.generation = st.generation = w.generation;
      st.elapsed_ms = ms_since(t0);
      return res;
    }
    // Not a fast-forward: the remote moved since this file last synced.
    std::uint64_t base = opts.force ? w.generation : opts.base.value_or(0);
    if (base != w.generation) {
      c.send(Bye{true});
      c.close();
      throw SyncError(Exit::conflict,
                      "the remote is at generation " + std::to_string(w.generation) +
                          (opts.base ? ", this file last synced at " + std::to_string(*opts.base)
                                     : ", and this file never synced with it") +
                          ": pull first, or push --force to overwrite",
                      "conflict", w.generation);
    }
    if (opts.on_session) opts.on_session(ResumeInfo{w.session, root256, base, ps, n});

    std::vector<std::uint64_t> todo;
    bool replace = w.page_size != ps || w.page_count == 0;
    std::uint64_t from = 1;  // pages from here on are sent unconditionally
    if (!replace) {
      todo = differing_pages(c, local, w.page_count, w, std::nullopt, st);
      from = std::min(n, w.page_count) + 1;
    }
    for (std::uint64_t p = from; p <= n; p++) todo.push_back(p);
    todo.erase(std::remove_if(todo.begin(), todo.end(),
                              [&](std::uint64_t p) {
                                if (is_lock_page(p, ps)) return true;
                                if (!w.staged.empty() && in_ranges(w.staged, p)) {
                                  res.pages_skipped_staged++;
                                  return true;
                                }
                                return false;
                              }),
               todo.end());

    // PAGES frames, at most `window` unacknowledged.
    std::uint64_t seq = 0;
    std::deque<std::uint64_t> unacked;
    auto await_ack = [&] {
      Ack a = c.expect<Ack>();
      if (a.seq != unacked.front())
        throw SyncError(Exit::protocol, "ACK for seq " + std::to_string(a.seq) + ", expected " +
                                            std::to_string(unacked.front()));
      unacked.pop_front();
    };
    Pages frame;
    std::uint64_t frame_bytes = kFrameOverhead, prev = 0;
    auto flush = [&] {
      if (frame.runs.empty()) return;
      if (unacked.size() >= w.window) await_ack();
      frame.seq = ++seq;
      c.send(frame);
      unacked.push_back(frame.seq);
      frame.runs.clear();
      frame_bytes = kFrameOverhead;
    };
    for (std::size_t i = 0; i < todo.size(); i++) {
      const std::uint64_t p = todo[i];
      bool extend = !frame.runs.empty() && p == prev + 1;
      std::uint64_t cost = ps + (extend ? 0 : kPerRunOverhead);
      if (frame_bytes + cost > w.max_frame) {
        flush();
        extend = false;
        cost = ps + kPerRunOverhead;
      }
      if (!extend) {
        // Reserve the whole run (consecutive pages that fit this frame).
        std::uint64_t k = 1, room = (w.max_frame - frame_bytes - kPerRunOverhead) / ps;
        while (k < room && i + k < todo.size() && todo[i + k] == p + k) k++;
        frame.runs.push_back({p, {}});
        frame.runs.back().data.reserve(k * ps);
      }
      src.read(p, frame.runs.back().data);
      frame_bytes += cost;
      prev = p;
      st.pages_sent++;
    }
    flush();
    while (!unacked.empty()) await_ack();
    res.pages_sent = st.pages_sent;

    c.send(Commit{base, ps, n, res.root});
    Committed done = c.expect<Committed>();
    if (done.root != res.root || done.page_count != n)
      throw SyncError(Exit::protocol, "COMMITTED names another image than the one pushed");
    c.send(Bye{false});
    c.close();
    res.generation = st.generation = done.generation;
  } catch (...) {
    c.close();
    throw;
  }
  st.elapsed_ms = ms_since(t0);
  return res;
}

PullResult pull(Transport& t, PullSink& sink, const PullOptions& opts) {
  PullResult res;
  Stats& st = res.stats;
  auto t0 = Clock::now();
  Conn c(t, st);
  try {
    for (int attempt = 0;; attempt++) {
      Hello hello;
      hello.dir = "pull";
      hello.client = kClientName;
      hello.hash = kHashName;
      hello.root = opts.root;
      hello.max_frame = kClientMaxFrame;
      c.send(hello);
      Welcome w = c.expect<Welcome>();
      check_welcome(w);
      res.generation = st.generation = w.generation;
      if (w.same) {
        c.send(Bye{false});
        c.close();
        res.same = true;
        res.root = opts.root.value_or(Hash16{});
        st.elapsed_ms = ms_since(t0);
        return res;
      }
      if (w.page_count == 0 || !w.root) {
        c.send(Bye{false});
        c.close();
        throw SyncError(Exit::not_found, "the remote database is empty", "not_found");
      }
      const std::uint64_t ps = w.page_size, n = w.page_count;
      try {
        auto th = Clock::now();
        std::vector<Hash16> local = sink.prepare(ps, n);
        st.hash_ms += ms_since(th);
        std::vector<std::uint64_t> todo = differing_pages(c, local, n, w, w.generation, st);
        for (std::uint64_t p = local.size() + 1; p <= n; p++) todo.push_back(p);
        std::vector<Range> ranges;
        for (std::uint64_t p : todo)
          if (!is_lock_page(p, ps)) add_range(ranges, p, 1, ps);

        // PAGE_REQs of at most window × pages_per_frame pages, two in flight.
        const std::uint64_t per_req = w.window * pages_per_frame(w.max_frame, ps);
        std::deque<std::pair<std::uint64_t, std::uint64_t>> inflight;  // req, pages asked
        std::uint64_t req_id = 0;
        RangeBatches batches(ranges, per_req);
        auto send_next = [&] {
          if (batches.done()) return;
          std::uint64_t total = 0;
          PageReq r{++req_id, batches.next(total)};
          c.send(r);
          inflight.emplace_back(r.req, total);
        };
        send_next();
        send_next();
        std::uint64_t got_for_front = 0;
        while (!inflight.empty()) {
          PageData d = c.expect<PageData>();
          if (d.req != inflight.front().first || d.generation != w.generation)
            throw SyncError(Exit::protocol, "PAGE_DATA for req " + std::to_string(d.req) + " of generation " +
                                                std::to_string(d.generation) + " does not answer the request");
          for (const Run& run : d.runs) {
            std::uint64_t k = run.data.size() / ps;
            if (run.data.empty() || run.data.size() % ps || run.first < 1 || run.first + k - 1 > n)
              throw SyncError(Exit::protocol, "PAGE_DATA run at page " + std::to_string(run.first) + " is malformed");
            for (std::uint64_t i = 0; i < k; i++) sink.write(run.first + i, run.data.data() + i * ps, ps);
            got_for_front += k;
            st.pages_received += k;
          }
          if (d.last) {
            if (got_for_front != inflight.front().second)
              throw SyncError(Exit::protocol, "PAGE_DATA answered " + std::to_string(got_for_front) + " of " +
                                                  std::to_string(inflight.front().second) + " pages");
            inflight.pop_front();
            got_for_front = 0;
            send_next();
          }
        }
        auto tv = Clock::now();
        sink.finish(*w.root, w.chunk_pages);
        st.hash_ms += ms_since(tv);
        c.send(Bye{false});
        c.close();
        res.root = *w.root;
        res.page_size = ps;
        res.page_count = n;
        res.pages_received = st.pages_received;
        break;
      } catch (const SyncError& e) {
        // A commit landed mid-pull: hello again on the same socket and
        // re-diff the temp image, which keeps every page written so far.
        if (e.code != "generation_changed" || attempt + 1 >= opts.max_rehandshakes) throw;
      }
    }
  } catch (...) {
    c.close();
    throw;
  }
  st.elapsed_ms = ms_since(t0);
  return res;
}

}  // namespace edgereplica
