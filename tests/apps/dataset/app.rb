# Query builder checks (tests/workerd/dataset.test.mjs): GET /run runs them in
# order on the migrated database and answers {check: value}; a check that
# raises answers {"error": "Class: message"}.
require 'json'
require 'sequel'  # accepted: Kiln provides this subset of Sequel

DB = bindings.DB
EVIL = "x'); DROP TABLE users; --"

CHECKS = [
  ['sql', -> { DB[:users].where(active: true, age: 18..30).exclude(name: nil).order(Sequel.desc(:name)).limit(10, 5).sql }],
  ['sql_in_like', -> { DB[:users].where(id: [1, 2], org_id: DB[:orgs].select(:id).where(name: 'a')).where(Sequel.like(:name, 'A%')).sql }],
  ['sql_literal', -> { DB[:users].where('age > ? AND name IN ?', 18, %w[a b]).where('org_id = :org', org: 3).select(:id, Sequel.as(:name, :n)).sql }],
  ['sql_join', -> { DB[:users].join(:posts, user_id: :id).left_join(:orgs, { id: Sequel[:users][:org_id] }, table_alias: :o).select_all(:users).sql }],
  ['sql_group', -> { DB[:posts].group_and_count(:user_id).having(Sequel.function(:count).* > 1).sql }],
  ['sql_quote', -> { DB[:"we`ird"].select(:"a\"b").sql }],
  ['sql_virtual_row', -> { DB[:users].where { (age > 18) & (age < 65) }.order(age: :desc, name: :asc).sql }],
  ['sql_or_not', -> { DB[:users].where(Sequel.|({ age: 1..2 }, :active)).exclude(Sequel.~(name: 'x')).sql }],
  ['connect', -> { Sequel.connect('sqlite://x.db') }],
  ['sql_insert', -> { DB[:users].insert_sql(name: 'Ada', age: nil) }],
  ['sql_update', -> { DB[:users].where(id: 1).update_sql(age: Sequel[:age] + 1, name: 'B') }],
  ['sql_delete', -> { DB[:users].exclude(active: true).or(age: nil).delete_sql }],
  ['seed_org', -> { DB[:orgs].all }],
  ['insert_org', -> { DB[:orgs].insert(name: 'Acme') }],
  ['insert_users', -> {
    [['Ada', 36, true], ['Brian', 17, false], ['Cleo', 25, true], ['Dan', nil, true], ['Eve', 61, false]].map do |name, age, active|
      DB[:users].insert(name: name, age: age, active: active, org_id: 2)
    end
  }],
  ['count', -> { DB[:users].count }],
  ['where_true', -> { DB[:users].where(active: true).order(:name).map(:name) }],
  ['where_nil', -> { DB[:users].where(age: nil).select_map(:name) }],
  ['where_array', -> { DB[:users].where(name: %w[Ada Eve Zed]).order(:id).select_map(:name) }],
  ['where_empty_array', -> { DB[:users].where(name: []).count }],
  ['where_range', -> { DB[:users].where(age: 18..36).order(:age).select_map(:name) }],
  ['where_range_excl', -> { DB[:users].where(age: 25...36).select_map(:name) }],
  ['where_literal', -> { DB[:users].where('age > ?', 30).order(:age).select_map(:name) }],
  ['where_named', -> { DB[:users].where('age < :max AND active = :a', max: 30, a: true).select_map(:name) }],
  ['exclude', -> { DB[:users].exclude(active: true).order(:name).select_map(:name) }],
  ['or', -> { DB[:users].where(name: 'Ada').or(name: 'Dan').order(:id).select_map(:name) }],
  ['virtual_row', -> { DB[:users].where { age >= 25 }.order(:age).select_map(:name) }],
  ['order_desc', -> { DB[:users].order(Sequel.desc(:name)).select_map(:name) }],
  ['order_reverse', -> { DB[:users].order(:age, :name).reverse.select_map(:name) }],
  ['order_hash', -> { DB[:users].order(active: :desc, name: :asc).select_map(:name) }],
  ['nulls_last', -> { DB[:users].order(Sequel.asc(:age, nulls: :last)).select_map(:name) }],
  ['limit_offset', -> { DB[:users].order(:name).limit(2).offset(1).select_map(:name) }],
  ['offset_only', -> { DB[:users].order(:name).offset(3).select_map(:name) }],
  ['first', -> { DB[:users].order(:name).first.reject { |k, _| k == :created_at } }],
  ['first_n', -> { DB[:users].order(:name).first(2).map { |r| r[:name] } }],
  ['first_cond', -> { DB[:users].first(name: 'Cleo')[:age] }],
  ['last', -> { DB[:users].order(:id).last[:name] }],
  ['brackets', -> { DB[:users][name: 'Dan'][:id] }],
  ['brackets_missing', -> { DB[:users][name: 'Nobody'] }],
  ['get', -> { DB[:users].where(name: 'Eve').get(:age) }],
  ['as_hash', -> { DB[:users].where(id: [1, 2]).as_hash(:id, :name) }],
  ['aggregates', -> { ds = DB[:users].exclude(age: nil); [ds.sum(:age), ds.min(:age), ds.max(:age), ds.count(:age)] }],
  ['count_limited', -> { DB[:users].limit(2).count }],
  ['empty', -> { [DB[:users].where(name: 'Nobody').empty?, DB[:users].empty?] }],
  ['each', -> { names = []; DB[:users].order(:id).each { |r| names << r[:name] }; names }],
  ['enumerable', -> { DB[:users].order(:id).each_with_index.map { |r, i| "#{i}:#{r[:name]}" } }],
  ['select_columns', -> { DB[:users].select(:name, Sequel.as(:age, :years)).where(name: 'Ada').all }],
  ['defaults', -> { r = DB[:users].where(name: 'Dan').select(:active, :created_at, :mail).first; [r[:active], r[:created_at].is_a?(String) && r[:created_at].size == 19, r[:mail]] }],
  ['insert_posts', -> {
    DB[:posts].multi_insert([{ user_id: 1, title: 'Hello' }, { user_id: 1, title: 'Again', score: 2.5 }, { user_id: 3, title: 'Cleo here' }])
  }],
  ['join', -> { DB[:users].join(:posts, user_id: :id).order(Sequel[:posts][:id]).select(Sequel[:users][:name], :title).all }],
  ['left_join', -> { DB[:users].left_join(:posts, user_id: :id).where(Sequel[:posts][:id] => nil).order(Sequel[:users][:id]).select_map(Sequel[:users][:name]) }],
  ['join_alias', -> { DB[:posts].join(:users, { id: :user_id }, table_alias: :u).join(:orgs, id: :org_id).where(Sequel[:u][:name] => 'Ada').select_map(Sequel[:orgs][:name]) }],
  ['group_having', -> { DB[:posts].group_and_count(:user_id).having(Sequel.function(:count).* > 1).all }],
  ['group_count', -> { DB[:posts].group(:user_id).count }],
  ['subquery', -> { DB[:users].where(id: DB[:posts].select(:user_id)).order(:id).select_map(:name) }],
  ['exists', -> { DB[:users].where(DB[:posts].where(Sequel[:posts][:user_id] => Sequel[:users][:id]).exists).order(:id).select_map(:name) }],
  ['update', -> { DB[:users].where(name: 'Brian').update(age: Sequel[:age] + 1, active: true) }],
  ['updated', -> { DB[:users].where(name: 'Brian').select(:age, :active).first }],
  ['returning', -> { DB[:users].returning(:id, :name).where(name: 'Eve').update(age: 62) }],
  ['insert_returning', -> { DB[:orgs].returning(:name).insert(name: 'Beta') }],
  ['time_value', -> { id = DB[:users].insert(name: 'Tim', created_at: Time.at(0)); DB[:users].where(id: id).get(:created_at) }],
  ['blob', -> { DB.fetch('SELECT hex(?) AS h, typeof(?) AS t', Sequel.blob("\x00\xffA"), Sequel.blob('a')).first }],
  ['fetch', -> { DB.fetch('SELECT name FROM users WHERE age > ? ORDER BY age', 40).all }],
  ['fetch_count', -> { DB['SELECT * FROM users WHERE active = ?', true].count }],
  ['statement_batch', -> { DB.batch([DB[:orgs].statement(*DB[:orgs].insert_sql(name: 'Gamma')), DB[:orgs].where(name: 'Gamma').statement]).map { |r| r[:results].size } }],
  ['evil_value', -> { id = DB[:users].insert(name: EVIL); [DB[:users].where(id: id).get(:name) == EVIL, DB[:users].where('name = ?', EVIL).count, DB[:users].where(name: EVIL).count] }],
  ['evil_like', -> { DB[:users].where(Sequel.like(:name, "%'; DROP TABLE users; --%")).count }],
  ['evil_identifier', -> { DB[:users].select(:"name\" FROM users; DROP TABLE users; --").all }],
  ['evil_backtick', -> { DB[:users].select(:"name` FROM users; DROP TABLE users; --").all }],
  ['misspelt_column', -> { DB[:users].where(nmae: 'Ada').count }],
  ['evil_table', -> { DB[:"users; DROP TABLE posts"].count }],
  ['evil_order', -> { DB[:users].order(:"name; DELETE FROM users").all }],
  ['still_there', -> { [DB[:users].count, DB[:posts].count] }],
  ['bad_value', -> { DB[:users].where(name: { nested: 1 }).all }],
  ['bad_limit', -> { DB[:users].limit('1; DROP TABLE users').all }],
  ['bad_placeholders', -> { DB[:users].where('age > ? AND age < ?', 1).all }],
  ['bad_update_join', -> { DB[:users].join(:posts, user_id: :id).update(name: 'x') }],
  ['delete', -> { DB[:posts].where(user_id: 3).delete }],
  ['delete_all', -> { [DB[:posts].delete, DB[:posts].count] }],
  ['fk_cascade', -> {
    org = DB[:orgs].insert(name: 'Doomed')
    DB[:users].insert(name: 'Gone', org_id: org)
    # delete's count is left out: D1 counts the cascaded row too (2), the
    # emulation's sqlite3_changes does not (1).
    DB[:orgs].where(id: org).delete
    DB[:users].where(name: 'Gone').count
  }],
].freeze

get '/run' do
  content_type :json
  out = {}
  CHECKS.each do |name, check|
    out[name] = begin
      check.call
    rescue StandardError, NotImplementedError => e
      { 'error' => "#{e.class}: #{e.message}" }
    end
  end
  JSON.generate(out)
end

# GET /users?min_age=18: a route reading params through the builder.
get '/users' do
  content_type :json
  ds = DB[:users].order(:id)
  ds = ds.where { |o| o.age >= params[:min_age].to_i } if params[:min_age]
  ds = ds.where(name: params[:name]) if params[:name]
  JSON.generate(ds.select_map(:name))
end
