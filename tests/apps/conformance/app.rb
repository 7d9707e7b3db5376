# Binding behaviours observed from Ruby. GET /run/:group runs every check of
# the group and answers {check => observed value}; an exception is observed
# as {"error" => class, "js_name" =>, "message" =>}. The expected values live
# in tests/js/conformance.test.mjs, one list for both backends.
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

CHECKS = { 'kv' => KV_CHECKS, 'd1' => D1_CHECKS, 'r2' => R2_CHECKS }.freeze

get '/run/:group' do
  checks = CHECKS[params[:group]] or halt 404, 'no such group'
  content_type :json
  out = {}
  checks.keys.each { |name| out[name] = observe { checks[name].call } }
  out.to_json
end
