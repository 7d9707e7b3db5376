require 'kiln/sql'

# Sequel-style datasets on a D1 binding:
#
#   DB = bindings.DB
#   DB[:users].where(active: true).order(:name).limit(10).all
#   DB[:users].insert(name: 'Ada')   # => the new row's id
#
# A Dataset is immutable: every method returns a new one, and SQL runs
# only on a retrieval or write (all, each, first, count, insert, update...).
# Rows are Hashes with Symbol keys, as in Sequel. Values are always bound
# parameters (Kiln::SQL::Query); identifiers are always quoted.
module Kiln
  class Dataset
    include Enumerable

    attr_reader :db, :opts

    # db: any object with prepare(sql).bind(*args).all/run and batch (a D1 binding).
    def initialize(db, opts = {})
      @db = db
      @opts = opts
    end

    # --- building -------------------------------------------------------

    def from(*sources) with(from: sources) end

    def select(*columns, &block)
      columns += Array(SQL.virtual_row(block)) if block
      with(select: columns.empty? ? nil : columns)
    end

    def select_all(*tables) with(select: tables.empty? ? nil : tables.map { |t| SQL::Identifier.new(t).* }) end
    def select_append(*columns) with(select: (@opts[:select] || [:*]) + columns) end
    alias select_more select_append
    def distinct() with(distinct: true) end

    def where(*cond, &block) add_condition(:where, 'AND', filter_expr(cond, block)) end
    alias filter where
    def exclude(*cond, &block) add_condition(:where, 'AND', SQL::Boolean.new('NOT', [filter_expr(cond, block)])) end
    def or(*cond, &block) add_condition(:where, 'OR', filter_expr(cond, block)) end
    def having(*cond, &block) add_condition(:having, 'AND', filter_expr(cond, block)) end
    def unfiltered() with(where: nil, having: nil) end

    # order(:name), order(Sequel.desc(:age)), order(age: :desc, name: :asc)
    def order(*columns)
      list = columns.flat_map do |c|
        next [c] unless c.is_a?(Hash)
        c.map do |k, dir|
          raise ArgumentError, "order direction must be :asc or :desc, got #{dir.inspect}" unless [:asc, :desc].include?(dir)
          SQL::Ordered.new(k, dir == :desc)
        end
      end
      with(order: list.empty? ? nil : list)
    end
    alias order_by order
    def order_append(*columns) with(order: (@opts[:order] || []) + order(*columns).opts[:order]) end
    alias order_more order_append
    def order_prepend(*columns) with(order: order(*columns).opts[:order] + (@opts[:order] || [])) end
    def unordered() with(order: nil) end

    # reverse: the current order flipped; reverse(:x): order by x descending.
    def reverse(*columns)
      return order(*columns.map { |c| SQL::Ordered.new(c, true) }) unless columns.empty?
      current = @opts[:order] or raise ArgumentError, 'reverse needs an order (call order first, or give columns)'
      with(order: current.map { |o| o.is_a?(SQL::Ordered) ? o.invert : SQL::Ordered.new(o, true) })
    end
    alias reverse_order reverse

    def limit(count, offset = nil)
      ds = with(limit: count.nil? ? nil : non_negative(count, 'limit'))
      offset.nil? ? ds : ds.offset(offset)
    end

    def offset(count) with(offset: count.nil? ? nil : non_negative(count, 'offset')) end
    def unlimited() with(limit: nil, offset: nil) end

    def group(*columns) with(group: columns.empty? ? nil : columns) end
    alias group_by group
    def group_and_count(*columns) group(*columns).select(*columns, SQL.function(:count).*.as(:count)) end

    # join(:posts, user_id: :id): keys are columns of the joined table,
    # Symbol values columns of the last table joined (or the first source).
    # join(:posts, [:user_id]): USING; cond may also be an expression or a
    # SQL String. table_alias: names the joined table.
    def join(table, cond = nil, opts = {}) join_table('INNER', table, cond, opts) end
    alias inner_join join
    def left_join(table, cond = nil, opts = {}) join_table('LEFT', table, cond, opts) end
    alias left_outer_join left_join
    def right_join(table, cond = nil, opts = {}) join_table('RIGHT', table, cond, opts) end
    def full_join(table, cond = nil, opts = {}) join_table('FULL', table, cond, opts) end
    def cross_join(table, opts = {}) join_table('CROSS', table, nil, opts) end

    # RETURNING for insert/update/delete: they then return the rows.
    def returning(*columns) with(returning: columns.empty? ? [:*] : columns) end

    # EXISTS (subquery), for use in another dataset's where.
    def exists() SQL::Literal.new('EXISTS ?', [self]) end
    def as(name) SQL::Aliased.new(self, name) end

    # --- SQL ------------------------------------------------------------

    # [sql, params]: what a retrieval would run.
    def sql
      q = SQL::Query.new
      append_select(q)
      [q.sql, q.params]
    end
    alias select_sql sql

    def insert_sql(values = {})
      raise ArgumentError, "insert takes a Hash of column => value, got #{values.inspect}" unless values.is_a?(Hash)
      q = write_query('INSERT INTO ')
      if values.empty?
        q << ' DEFAULT VALUES'
      else
        q << ' ('
        q.join(values.keys, ', ') { |k| q.identifier(column_name(k)) }
        q << ') VALUES '
        q.list(values.values)
      end
      finish(q)
    end

    def update_sql(values)
      raise ArgumentError, "update takes a non-empty Hash of column => value, got #{values.inspect}" unless values.is_a?(Hash) && !values.empty?
      q = write_query('UPDATE ')
      q << ' SET '
      q.join(values.to_a, ', ') do |(k, v)|
        q.identifier(column_name(k))
        q << ' = '
        q.value(v)
      end
      append_where(q)
      finish(q)
    end

    def delete_sql
      q = write_query('DELETE FROM ')
      append_where(q)
      finish(q)
    end

    def append_select(q)
      return @opts[:sql].append_to(q) if @opts[:sql]
      q << 'SELECT '
      q << 'DISTINCT ' if @opts[:distinct]
      if @opts[:select] then q.join(@opts[:select], ', ') { |c| q.value(c) }
      else q << '*'
      end
      if (sources = @opts[:from])
        q << ' FROM '
        q.join(sources, ', ') { |s| q.value(s) }
      end
      (@opts[:join] || []).each do |type, table, cond|
        q << " #{type} JOIN "
        q.value(table)
        next unless cond
        if cond.is_a?(Array) && cond.all? { |c| c.is_a?(Symbol) }
          q << ' USING '
          q.list(cond)
        else
          q << ' ON '
          q.condition(cond)
        end
      end
      append_where(q)
      if @opts[:group]
        q << ' GROUP BY '
        q.join(@opts[:group], ', ') { |c| q.value(c) }
      end
      if @opts[:having]
        q << ' HAVING '
        q.condition(@opts[:having])
      end
      if @opts[:order]
        q << ' ORDER BY '
        q.join(@opts[:order], ', ') { |c| q.value(c) }
      end
      if @opts[:limit] || @opts[:offset]
        q << ' LIMIT '
        q.param(@opts[:limit] || -1)  # SQLite needs a LIMIT before OFFSET
        if @opts[:offset]
          q << ' OFFSET '
          q.param(@opts[:offset])
        end
      end
      q
    end

    def inspect
      s, params = sql
      "#<Kiln::Dataset #{s}#{params.empty? ? '' : " #{params.inspect}"}>"
    end
    alias to_s inspect

    # --- retrieval ------------------------------------------------------

    def all
      rows = fetch_rows(*sql)
      rows.each { |r| yield r } if block_given?
      rows
    end
    alias to_a all

    def each(&block)
      return to_enum(:each) unless block
      all.each(&block)
      self
    end

    # first, first(n), first(conditions)
    def first(*args, &block)
      ds = block ? where(&block) : self
      case args.size
      when 0 then ds.limit(1).all.first
      when 1
        arg = args[0]
        arg.is_a?(Integer) ? ds.limit(arg).all : ds.where(arg).limit(1).all.first
      else ds.where(*args).limit(1).all.first
      end
    end

    def last(*args)
      raise ArgumentError, 'last needs an order (call order first)' unless @opts[:order]
      reverse.first(*args)
    end

    # DB[:users][id: 1]: the first matching row or nil.
    def [](*cond)
      raise ArgumentError, 'Dataset#[] takes conditions (DB[:users][id: 1]); use where(...).first' if cond.empty? || cond[0].is_a?(Integer)
      where(*cond).first
    end

    # map(:name) or map { |row| ... }
    def map(column = nil, &block)
      rows = all
      return rows.map { |r| r[column] } if column
      rows.map(&block)
    end

    # The values of one column, selecting only it.
    def select_map(column) with(select: [column]).all.map { |r| r.values.first } end
    def select_order_map(column) with(select: [column]).order(unaliased(column)).all.map { |r| r.values.first } end

    # as_hash(:id, :name) => {1 => 'Ada'}; as_hash(:id) => {1 => row}
    def as_hash(key, value = nil)
      all.each_with_object({}) { |r, h| h[r[key]] = value ? r[value] : r }
    end
    alias to_hash as_hash

    # The first column of the first row (get(:name), get { max(age) }).
    def get(column = nil, &block)
      column = SQL.virtual_row(block) if block
      raise ArgumentError, 'get needs a column or a block' if column.nil?
      single_value(column)
    end

    def count(column = nil) aggregate(column ? SQL.function(:count, column) : SQL.function(:count).*).to_i end
    def sum(column) aggregate(SQL.function(:sum, column)) end
    def min(column) aggregate(SQL.function(:min, column)) end
    def max(column) aggregate(SQL.function(:max, column)) end
    def avg(column) aggregate(SQL.function(:avg, column)) end

    def empty?
      with(select: [SQL.as(SQL.lit('1'), :one)], order: nil, limit: 1).all.empty?
    end

    # --- writes ---------------------------------------------------------

    # Returns the new row's id (last_row_id), or the rows with returning.
    def insert(values = {})
      sql, params = insert_sql(values)
      return fetch_rows(sql, params) if @opts[:returning]
      run(sql, params)[:last_row_id]
    end

    # Inserts every Hash in one D1 batch (one transaction); returns the count.
    def multi_insert(rows)
      return 0 if rows.empty?
      @db.batch(rows.map { |r| statement(*insert_sql(r)) })
      rows.size
    end
    alias import multi_insert

    # Returns the number of rows changed, or the rows with returning.
    def update(values)
      sql, params = update_sql(values)
      return fetch_rows(sql, params) if @opts[:returning]
      run(sql, params)[:changes]
    end

    def delete
      sql, params = delete_sql
      return fetch_rows(sql, params) if @opts[:returning]
      run(sql, params)[:changes]
    end

    # A prepared D1 statement for the query, e.g. for bindings.DB.batch.
    def statement(sql = nil, params = nil)
      sql, params = self.sql if sql.nil?
      @db.prepare(sql).bind(*params)
    end

    def with(changes) Dataset.new(@db, @opts.merge(changes)) end

    # The one value `SELECT expr ... LIMIT 1` gives (nil without rows).
    def single_value(expr)
      row = with(select: [SQL::Aliased.new(expr, :v)], limit: 1).all.first
      row && row[:v]
    end

    private

    def fetch_rows(sql, params)
      statement(sql, params).all[:results].map do |row|
        h = {}
        row.each { |k, v| h[k.to_sym] = v }
        h
      end
    end

    def run(sql, params) statement(sql, params).run[:meta] end

    def aggregate(expr)
      if @opts[:group] || @opts[:distinct] || @opts[:limit] || @opts[:offset] || @opts[:sql]
        Dataset.new(@db, from: [SQL::Aliased.new(self, :t1)]).single_value(expr)
      else
        with(order: nil).single_value(expr)
      end
    end

    def filter_expr(cond, block)
      if block
        raise ArgumentError, 'give conditions or a block, not both' unless cond.empty?
        return SQL.virtual_row(block)
      end
      raise ArgumentError, 'where needs a condition' if cond.empty?
      first = cond[0]
      return SQL::Literal.new(first, cond[1..-1]) if first.is_a?(String)
      raise ArgumentError, "one condition at a time (got #{cond.size}); use a Hash for several" if cond.size > 1
      first.is_a?(Symbol) ? SQL::Identifier.new(first) : first
    end

    def add_condition(key, op, expr)
      current = @opts[key]
      with(key => current.nil? ? expr : SQL::Boolean.new(op, [current, expr]))
    end

    def join_table(type, table, cond, opts)
      alias_name = opts[:table_alias]
      source = alias_name ? SQL::Aliased.new(table, alias_name) : table
      this = alias_name || source_name(table)
      if cond.is_a?(Hash)
        last = (@opts[:join] || []).last
        previous = last ? source_name(last[1]) : source_name((@opts[:from] || [])[0])
        cond = cond.map do |k, v|
          [k.is_a?(Symbol) ? SQL::Identifier.new(this, k) : k,
           v.is_a?(Symbol) && previous ? SQL::Identifier.new(previous, v) : v]
        end
      elsif cond.is_a?(String)
        cond = SQL::Literal.new(cond)
      end
      with(join: (@opts[:join] || []) + [[type, source, cond]])
    end

    # The name a source is referred to by: its alias, else the table.
    def source_name(source)
      case source
      when Symbol then source
      when SQL::Aliased then source.alias_name
      when SQL::Identifier then source.parts.last
      end
    end

    def unaliased(column) column.is_a?(SQL::Aliased) ? column.expression : column end

    def column_name(key)
      raise ArgumentError, "column names are Symbols, got #{key.inspect}" unless key.is_a?(Symbol) || key.is_a?(String)
      key
    end

    def write_query(prefix)
      sources = @opts[:from] || []
      raise ArgumentError, 'insert/update/delete need exactly one table' unless sources.size == 1 && !@opts[:sql]
      [:join, :group, :having, :limit, :offset, :distinct].each do |k|
        raise ArgumentError, "insert/update/delete can't use #{k} (SQLite/D1 don't support it)" if @opts[k]
      end
      q = SQL::Query.new
      q << prefix
      q.value(sources[0])
      q
    end

    def append_where(q)
      return unless @opts[:where]
      q << ' WHERE '
      q.condition(@opts[:where])
    end

    def finish(q)
      if @opts[:returning]
        q << ' RETURNING '
        q.join(@opts[:returning], ', ') { |c| q.value(c) }
      end
      [q.sql, q.params]
    end

    def non_negative(n, what)
      raise ArgumentError, "#{what} must be a non-negative Integer, got #{n.inspect}" unless n.is_a?(Integer) && n >= 0
      n
    end
  end

  # DB[:users], DB.from(:users), DB.fetch(sql, *args) on a D1 binding
  # (included in Kiln::Bindings::D1; any object with prepare/batch can
  # extend it).
  module Database
    # DB[:users] is a dataset; DB['SELECT ...', args] a raw SQL one.
    def [](*args)
      args[0].is_a?(String) ? fetch(*args) : from(*args)
    end

    def from(*sources) Dataset.new(self, from: sources) end
    def dataset() Dataset.new(self) end

    # Raw SQL with ? or :name placeholders; rows as from any dataset.
    def fetch(sql, *args, &block)
      ds = Dataset.new(self, sql: SQL::Literal.new(sql, args))
      block ? ds.each(&block) : ds
    end
  end

  module Bindings
    class D1
      include Kiln::Database
    end
  end
end
