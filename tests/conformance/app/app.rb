# Binding behaviours observed from Ruby. GET /run/:group runs every check of
# the group and answers {check => observed value}; an exception is observed
# as {"error" => class, "js_name" =>, "message" =>}. The expected values live
# in tests/conformance/conformance.test.mjs, one list for both backends.
def observe
  yield
rescue StandardError => e
  out = { 'error' => e.class.to_s, 'message' => e.message }
  out['js_name'] = e.js_name if e.respond_to?(:js_name)
  out
end

def hex(s) = s.nil? ? nil : s.unpack1('H*')

KV_CHECKS = {
  'get missing' => -> { kv.get('missing') },
  'put then get' => -> { kv.put('a', 'one'); kv.get('a') },
  'put overwrites' => -> { kv.put('b', 'one'); kv.put('b', 'two'); kv.get('b') },
  'integer value is stored as text' => -> { kv.put('int', 42); kv.get('int') },
  'empty value' => -> { kv.put('empty', ''); kv.get('empty') },
  'binary round trip' => -> { kv.put('bin', "\xFF\x00\x80"); hex(kv.get('bin', type: :binary)) },
  'utf-8 key and value' => -> { kv.put('clé-ü', 'värde ✓'); kv.get('clé-ü') },
  'json type' => -> { kv.put('cfg', '{"a":[1,2.5,null,true]}'); kv.get('cfg', type: :json) },
  'json type on missing key' => -> { kv.get('nope', type: :json) },
  'json type on invalid json' => -> { kv.put('bad', 'not json'); r = observe { kv.get('bad', type: :json) }; r['js_name'] },
  'bad type is an ArgumentError' => -> { kv.get('a', type: :stream) },
  'metadata round trip' => -> { kv.put('m', 'v', metadata: { 'by' => 'me', 'n' => 1 }); kv.get_with_metadata('m') },
  'no metadata' => -> { kv.put('nm', 'v'); kv.get_with_metadata('nm') },
  'get_with_metadata missing' => -> { kv.get_with_metadata('missing') },
  'get_with_metadata binary' => -> { kv.put('mb', "\x01\x02", metadata: [1]); v, m = kv.get_with_metadata('mb', type: :binary); [hex(v), m] },
  'delete' => -> { kv.put('d', 'x'); kv.delete('d'); kv.get('d') },
  'delete missing' => -> { kv.delete('never-there') },
  'list by prefix' => -> { %w[p:b p:a p:c q:a].each { |k| kv.put(k, '1') }; kv.list(prefix: 'p:')[:keys].map { |k| k[:name] } },
  'list is complete' => -> { r = kv.list(prefix: 'p:'); [r[:list_complete], r[:cursor]] },
  'list empty prefix' => -> { kv.list(prefix: 'zzz') },
  'list limit pages' => lambda {
    %w[l:1 l:2 l:3 l:4 l:5].each { |k| kv.put(k, '1') }
    first = kv.list(prefix: 'l:', limit: 2)
    second = kv.list(prefix: 'l:', limit: 2, cursor: first[:cursor])
    third = kv.list(prefix: 'l:', limit: 2, cursor: second[:cursor])
    [first, second, third].map { |r| [r[:keys].map { |k| k[:name] }, r[:list_complete], r[:cursor].is_a?(String)] }
  },
  'list metadata' => -> { kv.put('lm:1', 'v', metadata: { 'k' => 'v' }); kv.list(prefix: 'lm:')[:keys] },
  'list order is by bytes' => -> { ['o:b', 'o:B', 'o:é', 'o:a', 'o:~'].each { |k| kv.put(k, '1') }; kv.list(prefix: 'o:')[:keys].map { |k| k[:name] } },
  'list prefix is literal' => -> { kv.put('w%1', '1'); kv.put('w_1', '1'); kv.put('wx1', '1'); kv.list(prefix: 'w%')[:keys].map { |k| k[:name] } },
  'expiration_ttl sets expiration' => lambda {
    now = Time.now.to_i
    kv.put('ttl', 'v', expiration_ttl: 3600)
    e = kv.list(prefix: 'ttl')[:keys][0][:expiration]
    [kv.get('ttl'), (e - now - 3600).abs <= 5]
  },
  'expiration sets expiration' => lambda {
    at = Time.now.to_i + 7200
    kv.put('exp', 'v', expiration: at)
    kv.list(prefix: 'exp')[:keys][0][:expiration] == at
  },
  'expiration_ttl below 60' => -> { kv.put('t', 'v', expiration_ttl: 30) },
  'expiration_ttl 0' => -> { kv.put('t', 'v', expiration_ttl: 0) },
  'expiration in the past' => -> { kv.put('t', 'v', expiration: 1000) },
  'expiration too soon' => -> { kv.put('t', 'v', expiration: Time.now.to_i + 10) },
  'key of 512 bytes' => -> { kv.put('k' * 512, 'v'); kv.get('k' * 512) },
  'key of 513 bytes (put)' => -> { kv.put('k' * 513, 'v') },
  'key of 513 bytes (get)' => -> { kv.get('k' * 513) },
  'key of 513 bytes (delete)' => -> { kv.delete('k' * 513) },
  'multibyte key over 512 bytes' => -> { kv.put('é' * 257, 'v') },
  'metadata of 1024 bytes' => -> { kv.put('mx', 'v', metadata: 'x' * 1022); kv.get_with_metadata('mx')[1].size },
  'metadata over 1024 bytes' => -> { kv.put('mx', 'v', metadata: 'x' * 1023) },
  'key "."' => -> { kv.put('.', 'v') },
  'key ".."' => -> { kv.put('..', 'v') },
  'list limit 0 means no limit' => -> { kv.list(prefix: 'p:', limit: 0)[:keys].map { |k| k[:name] } },
  'list limit 1001' => -> { kv.list(limit: 1001) },
  'empty key (put)' => -> { kv.put('', 'v') },
  'empty key (get)' => -> { kv.get('') },
  'list limit 1000' => -> { kv.list(prefix: 'p:', limit: 1000)[:keys].size },
}.freeze

D1_CHECKS = {
  'exec creates tables' => -> { db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB)\nCREATE TABLE u (a, b)")[:count] },
  'run insert meta' => lambda {
    r = db.prepare('INSERT INTO t (name, score) VALUES (?, ?)').bind('ann', 1.5).run
    [r[:success], r[:results], r[:meta][:changes], r[:meta][:last_row_id], r[:meta][:duration].is_a?(Numeric)]
  },
  'second insert last_row_id' => -> { db.prepare('INSERT INTO t (name, score) VALUES (?, ?)').bind('bob', 2).run[:meta][:last_row_id] },
  'all' => -> { r = db.prepare('SELECT id, name, score FROM t ORDER BY id').all; [r[:success], r[:results]] },
  'all meta changes on select' => -> { db.prepare('SELECT * FROM t').all[:meta][:changes] },
  'first' => -> { db.prepare('SELECT name FROM t WHERE id = ?').bind(2).first },
  'first column' => -> { db.prepare('SELECT COUNT(*) AS n FROM t').first(:n) },
  'first on no rows' => -> { db.prepare('SELECT * FROM t WHERE id = ?').bind(99).first },
  'raw' => -> { db.prepare('SELECT id, name FROM t ORDER BY id').raw },
  'query helper' => -> { db.query('SELECT name FROM t WHERE score > ?', 1.6) },
  'empty result' => -> { db.prepare('SELECT * FROM t WHERE 0').all[:results] },
  'run on select returns rows' => -> { db.prepare('SELECT name FROM t ORDER BY id').run[:results] },
  'update changes' => -> { db.prepare('UPDATE t SET score = score + 1').run[:meta][:changes] },
  'delete changes' => -> { db.prepare('DELETE FROM t WHERE id = 99').run[:meta][:changes] },
  'delete cascading through a foreign key: changes' => lambda {
    db.exec("CREATE TABLE fk_parent (id INTEGER PRIMARY KEY)\nCREATE TABLE fk_child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES fk_parent ON DELETE CASCADE)")
    db.batch([db.prepare('INSERT INTO fk_parent (id) VALUES (1)'), db.prepare('INSERT INTO fk_child (id, parent) VALUES (1, 1), (2, 1)')])
    [db.prepare('DELETE FROM fk_parent WHERE id = 1').run[:meta][:changes], db.prepare('SELECT COUNT(*) AS n FROM fk_child').first(:n)]
  },
  'integer' => -> { db.prepare('SELECT 42 AS v, -7 AS w').first },
  'max safe integer' => -> { db.prepare('SELECT ? AS v').bind(9_007_199_254_740_991).first(:v) },
  'real' => -> { db.prepare('SELECT 2.5 AS v').first(:v) },
  'integral real' => -> { db.prepare('SELECT 3.0 AS v').first(:v) },
  'text' => -> { db.prepare('SELECT ? AS v').bind('héllo ✓').first(:v) },
  'null' => -> { db.prepare('SELECT ? AS v').bind(nil).first(:v) },
  'true binds as 1' => -> { db.prepare('SELECT ? AS v, ? AS w').bind(true, false).first },
  'blob round trip' => lambda {
    db.prepare('INSERT INTO t (name, data) VALUES (?, ?)').bind('blob', "\x00\xFF\x01\x80").run
    hex(db.prepare("SELECT data FROM t WHERE name = 'blob'").first(:data))
  },
  'blob literal' => -> { hex(db.prepare("SELECT x'0aff' AS v").first(:v)) },
  'typeof' => -> { db.prepare('SELECT typeof(?) AS a, typeof(?) AS b, typeof(?) AS c, typeof(?) AS d').bind(1, 1.5, 'x', nil).first },
  'duplicate column names' => -> { db.prepare('SELECT 1 AS x, 2 AS x').first },
  'duplicate column names raw' => -> { db.prepare('SELECT 1 AS x, 2 AS x').raw },
  'numbered parameters' => -> { db.prepare('SELECT ?2 AS a, ?1 AS b').bind('one', 'two').first },
  'batch' => lambda {
    r = db.batch([db.prepare('INSERT INTO u VALUES (?, ?)').bind(1, 'x'), db.prepare('INSERT INTO u VALUES (?, ?)').bind(2, 'y'), db.prepare('SELECT COUNT(*) AS n FROM u')])
    r.map { |x| [x[:success], x[:results], x[:meta][:changes]] }
  },
  'batch rolls back on error' => lambda {
    err = observe { db.batch([db.prepare('INSERT INTO u VALUES (3, 3)'), db.prepare('INSERT INTO nope VALUES (1)')]) }
    [err['error'], db.prepare('SELECT COUNT(*) AS n FROM u').first(:n)]
  },
  'syntax error' => -> { db.prepare('SELEC 1').all },
  'no such table' => -> { db.prepare('SELECT * FROM nope').all },
  'unique constraint' => -> { db.prepare('INSERT INTO t (name) VALUES (?)').bind('ann').run },
  'too few parameters' => -> { db.prepare('SELECT ?, ?').bind(1).all },
  'too many parameters' => -> { db.prepare('SELECT ?').bind(1, 2).all },
  'exec count' => -> { db.exec("INSERT INTO u VALUES (10, 'a')\nINSERT INTO u VALUES (11, 'b')\nINSERT INTO u VALUES (12, 'c')")[:count] },
  'exec duration' => -> { db.exec('SELECT 1')[:duration].is_a?(Numeric) },
  'exec error' => -> { db.exec('SELECT * FROM nope') },
  'bind a Hash' => -> { db.prepare('SELECT ? AS v').bind({ 'a' => 1 }).all },
  'bind an Array (bytes)' => -> { hex(db.prepare('SELECT ? AS v').bind([1, 2, 255]).first(:v)) },
  'batch of no statements' => -> { db.batch([]) },
  'returning clause' => -> { db.prepare('INSERT INTO u VALUES (?, ?) RETURNING a, b').bind(20, 'r').all[:results] },
  'json functions' => -> { db.prepare("SELECT json_extract(?, '$.a[1]') AS v").bind('{"a":[1,2]}').first(:v) },
  'first column missing' => -> { db.prepare('SELECT 1 AS a').first(:b) },
  'persisted rows' => -> { db.prepare('SELECT COUNT(*) AS n FROM u').first(:n) },
}.freeze

# An R2 object as plain data: version is random (checked for its shape) and
# uploaded is the time of the put (checked for shape and recency).
def r2_view(o, body: false)
  return nil if o.nil?
  v = { 'key' => o.key, 'size' => o.size, 'etag' => o.etag, 'http_metadata' => o.http_metadata,
        'custom_metadata' => o.custom_metadata, 'version' => o.version.to_s.match?(/\A[0-9a-f]{32}\z/),
        'uploaded' => o.uploaded.to_s.match?(/\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\z/) }
  v['body'] = hex(o.body) if body
  v
end

def r2_keys(r) = r[:objects].map(&:key)
def r2_page(r) = [r2_keys(r), r[:delimited_prefixes], r[:truncated], r[:cursor].is_a?(String)]

R2_CHECKS = {
  'get missing' => -> { r2.get('missing') },
  'head missing' => -> { r2.head('missing') },
  'put returns the object' => -> { r2_view(r2.put('a.txt', 'hello')) },
  'put has no body' => -> { r2.put('a.txt', 'hello').body },
  'get returns the body' => -> { r2_view(r2.get('a.txt'), body: true) },
  'text' => -> { r2.get('a.txt').text },
  'head' => -> { r2_view(r2.head('a.txt'), body: true) },
  'uploaded is now' => lambda {
    t = Time.utc(*r2.head('a.txt').uploaded.scan(/\d+/).first(6).map(&:to_i))
    (Time.now.to_i - t.to_i).abs < 120
  },
  'binary round trip' => -> { r2.put('bin', "\xFF\x00\x80"); r2_view(r2.get('bin'), body: true) },
  'empty object' => -> { r2.put('empty', ''); r2_view(r2.get('empty'), body: true) },
  'multibyte body size' => -> { r2.put('mb', 'é✓'); [r2.head('mb').size, r2.get('mb').text] },
  'overwrite' => lambda {
    first = r2.put('ow', 'one')
    second = r2.put('ow', 'two!')
    [r2.get('ow').text, r2.head('ow').size, first.version != second.version, first.etag != second.etag]
  },
  'json body' => -> { r2.put('j.json', '{"a":[1,2]}'); r2.get('j.json').json },
  'utf-8 key' => -> { r2.put('dossier/é ✓.txt', 'x'); r2.get('dossier/é ✓.txt').key },
  'http_metadata round trip' => lambda {
    meta = { 'contentType' => 'text/plain; charset=utf-8', 'contentLanguage' => 'fr', 'contentDisposition' => 'attachment',
             'contentEncoding' => 'identity', 'cacheControl' => 'max-age=60' }
    put = r2.put('h', 'x', http_metadata: meta)
    [put.http_metadata, r2.get('h').http_metadata, r2.head('h').http_metadata]
  },
  'http_metadata symbol keys' => -> { r2.put('hs', 'x', http_metadata: { contentType: 'image/png' }); r2.head('hs').http_metadata },
  'http_metadata unknown field' => -> { r2.put('hu', 'x', http_metadata: { 'nope' => 'x', 'contentType' => 'a/b' }); r2.head('hu').http_metadata },
  'no metadata' => -> { r2.put('nm', 'x'); h = r2.head('nm'); [h.http_metadata, h.custom_metadata] },
  'custom_metadata round trip' => lambda {
    put = r2.put('c', 'x', custom_metadata: { 'a' => '1', 'b' => 'ü' })
    [put.custom_metadata, r2.get('c').custom_metadata, r2.head('c').custom_metadata]
  },
  'custom_metadata of 2048 bytes' => -> { r2.put('cm', 'x', custom_metadata: { 'k' => 'v' * 2047 }); r2.head('cm').custom_metadata['k'].size },
  'custom_metadata over 2048 bytes' => -> { r2.put('cm2', 'x', custom_metadata: { 'k' => 'v' * 2048 }) },
  'custom_metadata number value' => -> { r2.put('cn', 'x', custom_metadata: { 'n' => 1 }); r2.head('cn').custom_metadata },
  'custom_metadata other values' => -> { r2.put('co', 'x', custom_metadata: { 'f' => 1.5, 't' => true, 'n' => nil }); r2.head('co').custom_metadata },
  'http_metadata nil field' => -> { r2.put('hnil', 'x', http_metadata: { 'contentType' => nil, 'cacheControl' => 'no-store' }); r2.head('hnil').http_metadata },
  'http_metadata number value' => -> { r2.put('hn', 'x', http_metadata: { 'contentType' => 5 }); r2.head('hn').http_metadata },
  'overwrite replaces metadata' => lambda {
    r2.put('om', 'x', custom_metadata: { 'a' => '1' }, http_metadata: { 'contentType' => 'a/b' })
    r2.put('om', 'y')
    h = r2.head('om')
    [h.custom_metadata, h.http_metadata]
  },
  'range offset and length' => -> { r2.put('r', '0123456789'); o = r2.get('r', range: { offset: 2, length: 3 }); [o.text, o.size] },
  'range offset' => -> { r2.get('r', range: { offset: 7 }).text },
  'range length' => -> { r2.get('r', range: { length: 4 }).text },
  'range suffix' => -> { r2.get('r', range: { suffix: 3 }).text },
  'range suffix past start' => -> { r2.get('r', range: { suffix: 50 }).text },
  'range length past end' => -> { r2.get('r', range: { offset: 8, length: 10 }).text },
  'range offset 0' => -> { r2.get('r', range: { offset: 0 }).text },
  'range offset at end' => -> { r2.get('r', range: { offset: 10 }) },
  'range offset past end' => -> { r2.get('r', range: { offset: 11 }) },
  'range negative offset' => -> { r2.get('r', range: { offset: -1 }) },
  'range negative length' => -> { r2.get('r', range: { length: -1 }) },
  'range length 0' => -> { r2.get('r', range: { offset: 1, length: 0 }) },
  'range suffix 0' => -> { r2.get('r', range: { suffix: 0 }) },
  'range suffix and offset' => -> { r2.get('r', range: { offset: 1, suffix: 2 }) },
  'range suffix and length' => -> { r2.get('r', range: { length: 1, suffix: 2 }) },
  'range negative suffix' => -> { r2.get('r', range: { suffix: -2 }) },
  'range fractional offset' => -> { r2.get('r', range: { offset: 2.7, length: 2 }).text },
  'range on an empty object' => -> { r2.get('empty', range: { offset: 0 }) },
  'range on a missing key' => -> { r2.get('missing', range: { offset: 1, length: 1 }) },
  'range of multibyte body' => -> { hex(r2.get('mb', range: { offset: 1, length: 2 }).body) },
  'delete' => -> { r2.put('d', 'x'); [r2.delete('d'), r2.get('d'), r2.head('d')] },
  'delete missing' => -> { r2.delete('never-there') },
  'delete many' => lambda {
    %w[dm/1 dm/2 dm/3].each { |k| r2.put(k, 'x') }
    [r2.delete(['dm/1', 'dm/3', 'dm/nope']), r2_keys(r2.list(prefix: 'dm/'))]
  },
  'delete no keys' => -> { r2.delete([]) },
  'list by prefix' => -> { %w[l/b l/a l/c m/a].each { |k| r2.put(k, k) }; r2_page(r2.list(prefix: 'l/')) },
  'list objects have no metadata' => lambda {
    r2.put('lm/1', 'abc', custom_metadata: { 'k' => 'v' }, http_metadata: { 'contentType' => 'text/plain' })
    r2.list(prefix: 'lm/')[:objects].map { |o| r2_view(o, body: true) }
  },
  'list empty' => lambda {
    r = r2.list(prefix: 'zzz')
    [r[:objects], r[:truncated], r[:cursor], r[:delimited_prefixes]]
  },
  'list limit pages' => lambda {
    %w[p/1 p/2 p/3 p/4 p/5].each { |k| r2.put(k, 'x') }
    first = r2.list(prefix: 'p/', limit: 2)
    second = r2.list(prefix: 'p/', limit: 2, cursor: first[:cursor])
    third = r2.list(prefix: 'p/', limit: 2, cursor: second[:cursor])
    [first, second, third].map { |r| r2_page(r) }
  },
  'list limit exact' => -> { r2_page(r2.list(prefix: 'l/', limit: 3)) },
  'list delimiter' => lambda {
    %w[d/a d/b/1 d/b/2 d/c/x/1 d/z d/b].each { |k| r2.put(k, 'x') }
    r2_page(r2.list(prefix: 'd/', delimiter: '/'))
  },
  'list delimiter pages' => lambda {
    first = r2.list(prefix: 'd/', delimiter: '/', limit: 2)
    second = r2.list(prefix: 'd/', delimiter: '/', limit: 2, cursor: first[:cursor])
    third = r2.list(prefix: 'd/', delimiter: '/', limit: 2, cursor: second[:cursor])
    [first, second, third].map { |r| r2_page(r) }
  },
  'list delimiter without prefix' => -> { r2.list(delimiter: '/')[:delimited_prefixes] },
  'list multi-character delimiter' => lambda {
    %w[x::a::1 x::a::2 x::b x:c].each { |k| r2.put(k, 'x') }
    r2_page(r2.list(prefix: 'x', delimiter: '::'))
  },
  'list empty delimiter' => -> { r2_page(r2.list(prefix: 'd/', delimiter: '')) },
  'list order is by bytes' => lambda {
    ['o/b', 'o/B', 'o/é', 'o/a', 'o/~'].each { |k| r2.put(k, 'x') }
    r2_keys(r2.list(prefix: 'o/'))
  },
  'list prefix is literal' => -> { %w[w%1 w_1 wx1].each { |k| r2.put(k, 'x') }; r2_keys(r2.list(prefix: 'w%')) },
  'list limit 1' => -> { r2_page(r2.list(prefix: 'l/', limit: 1)) },
  'list limit 0' => -> { r2.list(prefix: 'l/', limit: 0) },
  'list limit 1000' => -> { r2_keys(r2.list(prefix: 'l/', limit: 1000)) },
  'list limit 1001' => -> { r2.list(limit: 1001) },
  'list negative limit' => -> { r2_page(r2.list(prefix: 'l/', limit: -1)) },
  'key of 1024 bytes' => -> { r2.put('k' * 1024, 'v'); r2.get('k' * 1024).text },
  'key of 1025 bytes (put)' => -> { r2.put('k' * 1025, 'v') },
  'key of 1025 bytes (get)' => -> { r2.get('k' * 1025) },
  'key of 1025 bytes (head)' => -> { r2.head('k' * 1025) },
  'key of 1025 bytes (delete)' => -> { r2.delete('k' * 1025) },
  'multibyte key over 1024 bytes' => -> { r2.put('é' * 513, 'v') },
  'empty key' => -> { r2.put('', 'v'); [r2.get('').text, r2.head('').key] },
  'traversal keys are just keys' => lambda {
    keys = ['../x', '../../etc/passwd', '/abs', 'a/../b', '..', '.', 'a\\..\\b']
    keys.each_with_index { |k, i| r2.put(k, "v#{i}") }
    [keys.map { |k| r2.get(k).text }, r2.get('x'), r2.get('b'), r2.get('etc/passwd')]
  },
  'traversal keys list' => -> { r2_keys(r2.list(prefix: '.')) },
  'delete traversal key' => -> { r2.delete('../x'); [r2.get('../x'), r2.get('../../etc/passwd').text] },
}.freeze

def kv = bindings.KV
def db = bindings.DB
def r2 = bindings.BUCKET

# Durable Object storage, run inside one object (Conf#run_checks).
DO_CHECKS = {
  'get missing' => -> { storage.get('missing') },
  'put then get' => -> { storage.put('a', 1); storage.get('a') },
  'value types' => -> { storage.put('v', { 'a' => [1, 2.5, nil, true], 'b' => 'str' }); storage.get('v') },
  'string value' => -> { storage.put('s', 'värde ✓'); storage.get('s') },
  'nil value' => -> { storage.put('n', nil); [storage.get('n'), storage.list(prefix: 'n').keys] },
  'put a Hash, get many' => -> { storage.put({ 'x' => 1, 'y' => 'two' }); storage.get(%w[x y missing]) },
  'overwrite' => -> { storage.put('o', 1); storage.put('o', 2); storage.get('o') },
  'delete existing' => -> { storage.put('d', 1); storage.delete('d') },
  'delete missing' => -> { storage.delete('never') },
  'delete many' => -> { storage.put({ 'm1' => 1, 'm2' => 2 }); storage.delete(%w[m1 m2 m3]) },
  'empty key' => -> { storage.put('', 'e'); storage.get('') },
  'key too long' => -> { storage.put('k' * 2049, 1) },
  'list by prefix' => -> { { 'l:b' => 2, 'l:a' => 1, 'l:c' => 3, 'm:a' => 4 }.each { |k, v| storage.put(k, v) }; storage.list(prefix: 'l:') },
  'list limit' => -> { storage.list(prefix: 'l:', limit: 2) },
  'list start and end' => -> { storage.list(start: 'l:b', finish: 'l:c') },
  'list reverse' => -> { storage.list(prefix: 'l:', reverse: true).keys },
  'list reverse limit' => -> { storage.list(prefix: 'l:', reverse: true, limit: 1) },
  'list limit 0' => -> { storage.list(limit: 0) },
  'list order is by bytes' => -> { ['o:b', 'o:B', 'o:é', 'o:a', 'o:~'].each { |k| storage.put(k, 1) }; storage.list(prefix: 'o:').keys },
  'transaction' => -> { storage.transaction { |t| t.put('t', 1); t.put('t2', 2) }; storage.get(%w[t t2]) },
  'sql create, insert, select' => lambda {
    storage.sql.exec('CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT, n REAL, b BLOB)')
    storage.sql.exec('INSERT INTO items (name, n) VALUES (?, ?)', 'one', 1.5)
    storage.sql.exec('INSERT INTO items (name, n) VALUES (?, ?)', 'two', 2)
    storage.sql.exec('SELECT id, name, n FROM items ORDER BY id')
  },
  'sql binds' => -> { storage.sql.exec('SELECT typeof(?) AS i, typeof(?) AS f, typeof(?) AS s, typeof(?) AS n', 1, 1.5, 'x', nil) },
  'sql blob' => -> { hex(storage.sql.exec("SELECT x'00ff' AS b").first['b']) },
  'sql no rows' => -> { storage.sql.exec('SELECT * FROM items WHERE id < 0') },
  'sql several statements' => -> { storage.sql.exec('SELECT 1 AS a; SELECT 2 AS b') },
  'sql syntax error' => -> { storage.sql.exec('SELEC 1') },
  'sql no such table' => -> { storage.sql.exec('SELECT * FROM nope') },
  'sql too few parameters' => -> { storage.sql.exec('SELECT ?, ? AS x', 1) },
  'sql too many parameters' => -> { storage.sql.exec('SELECT ? AS x', 1, 2) },
  'sql cannot read _cf_KV' => -> { storage.sql.exec('SELECT * FROM _cf_KV') },
  'sql no BEGIN' => -> { storage.sql.exec('BEGIN TRANSACTION') },
  'sql sees its writes' => -> { storage.sql.exec('SELECT count(*) AS n FROM items').first['n'] },
  'no alarm' => -> { storage.get_alarm },
  'set_alarm then get_alarm' => -> { t = 4_102_444_800_000; storage.set_alarm(t); storage.get_alarm == t },
  'set_alarm with a Time' => -> { storage.set_alarm(Time.at(1_900_000_000)); storage.get_alarm },
  'delete_alarm' => -> { storage.delete_alarm; storage.get_alarm },
  'delete_all' => -> { storage.delete_all; [storage.list, storage.get('a')] },
  'delete_all keeps nothing of sql' => -> { storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'items'").size },
  'delete_all and the alarm' => -> { storage.set_alarm(1_900_000_000_000); storage.delete_all; storage.get_alarm },
  'storage works after delete_all' => -> { storage.put('after', 1); storage.sql.exec('CREATE TABLE again (a)'); [storage.get('after'), storage.sql.exec('SELECT count(*) AS n FROM again').first['n']] },
}.freeze

class Conf < Kiln::DurableObject
  get '/hello' do
    "hello from #{state.id.size} #{request.path_info} #{params['q']}"
  end

  post '/echo' do
    status 201
    headers 'x-echo' => 'yes'
    request.body.read
  end

  def run_checks
    out = {}
    DO_CHECKS.each_key { |name| out[name] = observe { instance_exec(&DO_CHECKS[name]) } }
    out
  end

  def add(a, b) = a + b
  def remember(v) = storage.put('remembered', v)
  def recall = storage.get('remembered')
  def boom = raise(ArgumentError, 'boom from the object')
  def error_hash = { 'error' => 'x' }

  def arm(ms)
    storage.put('alarms', 0)
    storage.set_alarm((Time.now.to_f * 1000).to_i + ms)
    nil
  end

  def alarm
    storage.put('alarms', (storage.get('alarms') || 0) + 1)
    storage.put('alarm_saw', storage.get_alarm)
  end

  def alarm_state = [storage.get('alarms'), storage.get('alarm_saw')]
end

def conf = bindings.CONF

# The namespace binding and stubs, from outside the objects.
DO_NAMESPACE_CHECKS = {
  'id_from_name is 64 hex' => -> { conf.id_from_name('a').match?(/\A\h{64}\z/) },
  'id_from_name is deterministic' => -> { conf.id_from_name('a') == conf.id_from_name('a') },
  'different names, different ids' => -> { conf.id_from_name('a') != conf.id_from_name('b') },
  'new_unique_id is 64 hex and unique' => -> { a = conf.new_unique_id; [a.match?(/\A\h{64}\z/), a != conf.new_unique_id] },
  'call with arguments' => -> { conf.get_by_name('x').call(:add, 2, 3) },
  'call returns structures' => -> { conf.get_by_name('x').call(:remember, { 'a' => [1, 'b'] }); conf.get_by_name('x').call(:recall) },
  'objects are isolated' => -> { conf.get_by_name('y').call(:recall) },
  'same name, same object' => -> { conf.get(conf.id_from_name('x')).call(:recall) },
  'call a missing method' => -> { r = observe { conf.get_by_name('x').call(:nope) }; [r['error'], r['message'].include?('nope')] },
  'call raises' => -> { r = observe { conf.get_by_name('x').call(:boom) }; [r['error'], r['message'].include?('boom from the object')] },
  'call returns a Hash with an error key' => -> { conf.get_by_name('x').call(:error_hash) },
  'fetch a route' => -> { r = conf.get_by_name('x').fetch('/hello?q=1'); [r.status, r.body] },
  'fetch with a body' => -> { r = conf.get_by_name('x').fetch('/echo', method: 'POST', body: 'payload'); [r.status, r.headers['x-echo'], r.body] },
  'fetch a missing route' => -> { conf.get_by_name('x').fetch('/nope').status },
  'state.storage outside an object' => -> { r = observe { Kiln::DurableObject::Storage.new.get('a') }; r['error'] },
  'invalid id' => -> { r = observe { conf.get('not-an-id').call(:recall) }; r['error'] },
  'alarm fires' => lambda {
    stub = conf.get_by_name('alarmed')
    stub.call(:arm, 100)
    50.times { break if stub.call(:alarm_state)[0].to_i > 0; Kiln.await(:sleep, 0.1) }
    stub.call(:alarm_state)
  },
}.freeze

def jobs = bindings.JOBS

QUEUE_CHECKS = {
  'send a string' => -> { jobs.send('hello') },
  'send a Hash' => -> { jobs.send({ 'a' => [1, 2.5, nil] }) },
  'send with delay_seconds' => -> { jobs.send('later', delay_seconds: 5) },
  'send with delay 0' => -> { jobs.send('now', delay_seconds: 0) },
  'send with negative delay' => -> { jobs.send('x', delay_seconds: -1) },
  'send with delay over 12 hours' => -> { jobs.send('x', delay_seconds: 43_201) },
  'send nil' => -> { jobs.send(nil) },
  'send a large message' => -> { jobs.send('x' * 200_000) },
  'send_batch' => -> { jobs.send_batch(['a', { 'b' => 1 }, 3]) },
  'send_batch of none' => -> { jobs.send_batch([]) },
  'send_batch of 101' => -> { jobs.send_batch(Array.new(101) { |i| i }) },
  'send_batch too large in total' => -> { jobs.send_batch(Array.new(3) { 'y' * 100_000 }) },
}.freeze

# Queue consumption: queue_consume_send sends; then workerd pushes batches
# (wrangler dev) or the test drains (emulation); queue_consume reads what
# the consumers recorded in KV, waiting up to 20 s for workerd's batches.
def work = bindings.WORK

consume_queue 'kiln-conformance-work' do |batch|
  batch.messages.each do |m|
    key = "consumed:#{m.body['name']}"
    kv.put(key, ((kv.get(key, type: :json) || []) + [[m.attempts, batch.queue, m.body, m.id.size, m.timestamp.is_a?(Numeric)]]).to_json)
    case m.body['do']
    when 'ack' then m.ack
    when 'retry' then m.retry
    end
  end
end

consume_queue 'kiln-conformance-dead' do |batch|
  batch.messages.each { |m| kv.put("dead:#{m.body['name']}", [m.attempts, batch.queue, m.body].to_json) }
end

def wait_for(key)
  200.times do
    v = kv.get(key, type: :json)
    return v if v
    Kiln.await(:sleep, 0.1)
  end
  'never arrived'
end

QUEUE_SEND_FOR_CONSUME = {
  'send_batch' => -> { work.send_batch([{ 'name' => 'acked', 'do' => 'ack' }, { 'name' => 'implicit' }, { 'name' => 'retried', 'do' => 'retry' }]) },
  'send with a delay' => -> { work.send({ 'name' => 'delayed' }, delay_seconds: 1) },
}.freeze

QUEUE_CONSUME_CHECKS = {
  'acked: delivered once' => -> { wait_for('consumed:acked') },
  'no decision: acked' => -> { wait_for('consumed:implicit') },
  'delayed: delivered' => -> { wait_for('consumed:delayed').map(&:first) },
  'retried: to the dead-letter queue after max_retries' => -> { wait_for('dead:retried') },
  'retried: attempts seen by the consumer' => -> { wait_for('dead:retried'); wait_for('consumed:retried').map(&:first) },
}.freeze

CHECKS = {
  'kv' => KV_CHECKS, 'd1' => D1_CHECKS, 'r2' => R2_CHECKS, 'do' => DO_NAMESPACE_CHECKS, 'queue' => QUEUE_CHECKS,
  'queue_consume_send' => QUEUE_SEND_FOR_CONSUME, 'queue_consume' => QUEUE_CONSUME_CHECKS,
}.freeze

get '/run/do_storage' do
  content_type :json
  conf.get_by_name('checks').call(:run_checks).to_json
end

get '/run/:group' do
  checks = CHECKS[params[:group]] or halt 404, 'no such group'
  content_type :json
  out = {}
  checks.keys.each { |name| out[name] = observe { checks[name].call } }
  out.to_json
end
