// Queues on SQLite: every message of every queue in APP_DIR/.kiln/queues.sqlite3
// until a consumer acks it. Delivery is pull-based (`kiln queue drain`): take
// a batch of due messages, run the consumer, settle each message as acked or
// retried; one retried past max_retries goes to the dead-letter queue, or is
// dropped without one (wrangler's semantics). Times are epoch milliseconds
// passed in by JS, so tests and `--now` control the clock.
#include <algorithm>

#include <sqlite3.h>

#include "bindings/emulator.h"

namespace kiln::emulation {
namespace {

// Workers' limits: 128 KB a message, 100 messages and 256 KB a batch, 12 h delay.
constexpr size_t kMaxMessage = 128000, kMaxBatchBytes = 256000, kMaxBatchCount = 100;
constexpr int64_t kMaxDelay = 43200;

Database& store(Emulator& emu) {
  return emu.database("queues.sqlite3",
      "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
      " queue TEXT NOT NULL, body BLOB NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
      " timestamp_ms INTEGER NOT NULL, visible_ms INTEGER NOT NULL);"
      "CREATE INDEX IF NOT EXISTS messages_due ON messages (queue, visible_ms, seq)");
}

int64_t int_of(const Arg& a) { return a.tag == codec::kFloat ? static_cast<int64_t>(a.f) : a.i; }

int64_t check_delay(const Arg& a) {
  if (a.nil()) return 0;
  bool integral = a.tag == codec::kInt || (a.tag == codec::kFloat && a.f == static_cast<double>(static_cast<int64_t>(a.f)));
  int64_t d = int_of(a);
  if (!integral || d < 0 || d > kMaxDelay)
    throw BindingError("Queue delay_seconds must be an integer from 0 to " + std::to_string(kMaxDelay) + ", not " +
                       (a.tag == codec::kFloat ? std::to_string(a.f) : std::to_string(d)), "RangeError");
  return d;
}

void insert(Database& db, const std::string& queue, const std::string& body, int64_t attempts, int64_t now, int64_t visible) {
  Statement s(db, "INSERT INTO messages (id, queue, body, attempts, timestamp_ms, visible_ms) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?)");
  s.bind_text(1, queue); s.bind_blob(2, body); s.bind_int(3, attempts); s.bind_int(4, now); s.bind_int(5, visible);
  s.step();
}

// [queue, 'send' | 'send_batch', [[body, delay_seconds]...], now_ms]
void send(Database& db, const std::string& queue, bool batch, const std::vector<Arg>& args, codec::Writer& out) {
  const std::vector<Arg>& messages = at(args, 2).items;
  int64_t now = int_of(at(args, 3));
  const char* op = batch ? "sendBatch" : "send";
  if (batch && messages.empty()) throw BindingError("sendBatch() requires at least one message", "TypeError");
  if (batch && messages.size() > kMaxBatchCount)
    throw BindingError(std::string("Queue ") + op + " failed: batch message count of " + std::to_string(messages.size()) + " exceeds limit of " + std::to_string(kMaxBatchCount));
  size_t total = 0;
  std::vector<int64_t> delays;
  for (const Arg& m : messages) {
    size_t size = at(m.items, 0).s.size();
    if (size > kMaxMessage)
      throw BindingError(std::string("Queue ") + op + " failed: message length of " + std::to_string(size) + " bytes exceeds limit of " + std::to_string(kMaxMessage));
    total += size;
    delays.push_back(check_delay(at(m.items, 1)));
  }
  if (total > kMaxBatchBytes)
    throw BindingError(std::string("Queue ") + op + " failed: batch size of " + std::to_string(total) + " bytes exceeds limit of " + std::to_string(kMaxBatchBytes));
  db.exec("BEGIN");
  try {
    for (size_t i = 0; i < messages.size(); ++i) insert(db, queue, at(messages[i].items, 0).s, 0, now, now + delays[i] * 1000);
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  out.nil();
}

// [queue, 'take', max, now_ms] -> [[id, body, attempts, timestamp_ms]...]: the
// oldest due messages, each counted as one more delivery attempt.
void take(Database& db, const std::string& queue, const std::vector<Arg>& args, codec::Writer& out) {
  Statement s(db,
      "UPDATE messages SET attempts = attempts + 1 WHERE seq IN"
      " (SELECT seq FROM messages WHERE queue = ? AND visible_ms <= ? ORDER BY visible_ms, seq LIMIT ?)"
      " RETURNING id, body, attempts, timestamp_ms, seq");
  s.bind_text(1, queue); s.bind_int(2, int_of(at(args, 3))); s.bind_int(3, int_of(at(args, 2)));
  struct Row { std::string id, body; int64_t attempts, timestamp, seq; };
  std::vector<Row> rows;
  while (s.step()) rows.push_back({std::string(s.column_text(0)), std::string(s.column_blob(1)), s.column_int(2), s.column_int(3), s.column_int(4)});
  // RETURNING has no ORDER BY: deliver in send order.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.seq < b.seq; });
  out.array(static_cast<uint32_t>(rows.size()));
  for (const Row& r : rows) {
    out.array(4);
    out.str(r.id); out.bytes(r.body); out.integer(r.attempts); out.integer(r.timestamp);
  }
}

// [queue, 'settle', [[id, 'ack' | 'retry', delay_seconds]...], max_retries,
//  dead_letter_queue, retry_delay, now_ms] -> [acked, retried, [dead-lettered ids], [dropped ids]]
void settle(Database& db, const std::string& queue, const std::vector<Arg>& args, codec::Writer& out) {
  const std::vector<Arg>& decisions = at(args, 2).items;
  int64_t max_attempts = int_of(at(args, 3)) + 1;
  const Arg& dlq = at(args, 4);
  int64_t default_delay = int_of(at(args, 5)), now = int_of(at(args, 6));
  int64_t acked = 0, retried = 0;
  std::vector<std::string> dead, dropped;
  db.exec("BEGIN");
  try {
    for (const Arg& d : decisions) {
      const std::string& id = at(d.items, 0).s;
      Statement find(db, "SELECT attempts, body FROM messages WHERE id = ? AND queue = ?");
      find.bind_text(1, id); find.bind_text(2, queue);
      if (!find.step()) continue;
      int64_t attempts = find.column_int(0);
      std::string body(find.column_blob(1));
      bool retry = at(d.items, 1).s == "retry";
      if (retry && attempts < max_attempts) {
        const Arg& delay = at(d.items, 2);
        Statement s(db, "UPDATE messages SET visible_ms = ? WHERE id = ?");
        s.bind_int(1, now + (delay.nil() ? default_delay : check_delay(delay)) * 1000); s.bind_text(2, id);
        s.step();
        ++retried;
        continue;
      }
      Statement del(db, "DELETE FROM messages WHERE id = ?");
      del.bind_text(1, id);
      del.step();
      if (!retry) ++acked;
      else if (dlq.nil()) dropped.push_back(id);
      else {
        insert(db, dlq.s, body, 0, now, now);
        dead.push_back(id);
      }
    }
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  out.array(4);
  out.integer(acked);
  out.integer(retried);
  out.array(static_cast<uint32_t>(dead.size()));
  for (const auto& id : dead) out.str(id);
  out.array(static_cast<uint32_t>(dropped.size()));
  for (const auto& id : dropped) out.str(id);
}

// [queue, 'pending', now_ms] -> [due, delayed]; queue '*' counts every queue.
void pending(Database& db, const std::string& queue, const std::vector<Arg>& args, codec::Writer& out) {
  Statement s(db, "SELECT coalesce(sum(visible_ms <= ?2), 0), coalesce(sum(visible_ms > ?2), 0) FROM messages WHERE ?1 = '*' OR queue = ?1");
  s.bind_text(1, queue); s.bind_int(2, int_of(at(args, 2)));
  s.step();
  out.array(2);
  out.integer(s.column_int(0));
  out.integer(s.column_int(1));
}

}  // namespace

void queue_call(Emulator& emu, const std::vector<Arg>& args, codec::Writer& out) {
  Database& db = store(emu);
  const std::string &queue = at(args, 0).s, &method = at(args, 1).s;
  if (method == "send" || method == "send_batch") return send(db, queue, method == "send_batch", args, out);
  if (method == "take") return take(db, queue, args, out);
  if (method == "settle") return settle(db, queue, args, out);
  if (method == "pending") return pending(db, queue, args, out);
  if (method == "names") {  // the queues holding messages
    Statement s(db, "SELECT DISTINCT queue FROM messages ORDER BY queue");
    std::vector<std::string> names;
    while (s.step()) names.emplace_back(s.column_text(0));
    out.array(static_cast<uint32_t>(names.size()));
    for (const auto& n : names) out.str(n);
    return;
  }
  throw BindingError("Queue has no method " + method, "TypeError");
}

}  // namespace kiln::emulation
