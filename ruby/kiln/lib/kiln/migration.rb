require 'kiln/dataset'  # SQL::Query renders datasets (subqueries) too

# Schema migrations in Sequel's DSL, compiled to SQLite SQL for
# `wrangler d1 migrations apply` by `kiln db migrate` (js/cli/commands/migrate.js):
#
#   Kiln.migration do            # or Sequel.migration
#     change do                  # or up; down is not used (wrangler
#       create_table(:users) do  # applies migrations forward only)
#         primary_key :id
#         String :name, null: false
#         index :name
#       end
#     end
#   end
#
# DDL has no bound parameters, so defaults are literals: numbers, true/false
# (1/0), nil, Strings quoted with '' doubled, or Sequel.lit('...').
module Kiln
  class Migration
    # bundle path of the migration file -> Migration
    REGISTRY = {}

    def self.define(&block)
      raise ArgumentError, 'Kiln.migration needs a block' unless block
      migration = new
      migration.instance_exec(&block)
      file = Kiln::Loader.current_file
      REGISTRY[file] = migration if file
      migration
    end

    # {type: 'migrations', files: [...]} -> {file => [statement, ...]}
    def self.compile(files)
      files.each_with_object({}) do |file, out|
        Kiln::Loader.require(file)
        migration = REGISTRY[file] or raise ArgumentError, "#{file} defines no migration (Kiln.migration do ... end)"
        out[file] = migration.statements
      end
    end

    def change(&block) @up = block end
    def up(&block) @up = block end
    def down(&block) @down = block end  # kept for Sequel files; never compiled
    def no_transaction() nil end
    def transaction() nil end

    def statements
      raise ArgumentError, 'a migration needs a change or up block' unless @up
      schema = Schema.new
      schema.instance_exec(&@up)
      schema.statements
    end

    # A value written into DDL (DEFAULT ...): never from request input.
    def self.literal(v)
      case v
      when nil then 'NULL'
      when true then '1'
      when false then '0'
      when Integer then v.to_s
      when Float
        raise ArgumentError, "can't write #{v} as a SQL default" if v.nan? || v.infinite?
        v.to_s
      when String, Time
        s = v.is_a?(Time) ? SQL.bindable(v) : v
        raise ArgumentError, 'a SQL default cannot hold a NUL byte' if s.include?("\0")
        "'#{s.gsub("'", "''")}'"
      when SQL::Expression
        sql, params = v.sql
        raise ArgumentError, "a SQL default can't have bound values: #{v.inspect}" unless params.empty?
        sql
      else raise ArgumentError, "can't write #{v.inspect} as a SQL default"
      end
    end

    # Sequel's generic types, as Sequel writes them for SQLite.
    TYPES = {
      'String' => 'varchar(255)', 'Integer' => 'integer', 'Fixnum' => 'integer', 'Bignum' => 'bigint',
      'Float' => 'double precision', 'Numeric' => 'numeric', 'BigDecimal' => 'numeric',
      'TrueClass' => 'boolean', 'FalseClass' => 'boolean', 'Date' => 'date', 'DateTime' => 'timestamp',
      'Time' => 'timestamp', 'File' => 'blob'
    }

    # Class, its name, or a SQL type name (:text, 'varchar(20)') -> SQL type.
    def self.type_sql(type, opts = {})
      name = type.is_a?(Class) ? type.name : type.to_s
      case name
      when 'String'
        return 'text' if opts[:text]
        "#{opts[:fixed] ? 'char' : 'varchar'}(#{Integer(opts[:size] || 255)})"
      when 'Numeric', 'BigDecimal'
        size = opts[:size]
        size ? "numeric(#{Array(size).map { |n| Integer(n) }.join(', ')})" : 'numeric'
      else
        return TYPES[name] if TYPES[name]
        raise ArgumentError, "invalid column type #{type.inspect}" unless name =~ /\A[A-Za-z][A-Za-z0-9_ ]*(\(\d+(, *\d+)?\))?\z/
        name
      end
    end

    # Columns and constraints of create_table (Sequel's CreateTableGenerator).
    class TableBuilder
      attr_reader :columns, :constraints, :indexes

      def initialize(table)
        @table = table
        @columns = []
        @constraints = []
        @indexes = []
      end

      def column(name, type, opts = {})
        @columns << Migration.column_sql(name, type, opts)
        @indexes << [[name], opts[:index].is_a?(Hash) ? opts[:index] : {}] if opts[:index]
      end

      Migration::TYPES.each_key do |type|
        define_method(type) { |name, opts = {}| column(name, type, opts) }
      end

      # primary_key :id (integer, AUTOINCREMENT); primary_key :code, String;
      # primary_key [:a, :b] (composite constraint).
      def primary_key(name, type = nil, opts = {})
        if type.is_a?(Hash)
          opts = type
          type = nil
        end
        if name.is_a?(Array)
          @constraints << "PRIMARY KEY (#{name.map { |n| SQL.quote(n) }.join(', ')})"
          return
        end
        type ||= opts[:type]
        if type.nil? || type == Integer || type.to_s == 'integer'
          auto = opts.fetch(:auto_increment, true) ? ' AUTOINCREMENT' : ''
          @columns << "#{SQL.quote(name)} integer NOT NULL PRIMARY KEY#{auto}"
        else
          @columns << Migration.column_sql(name, type, opts.merge(primary_key: true, null: false))
        end
      end

      # foreign_key :org_id, :orgs (integer REFERENCES); foreign_key [:a, :b], :t
      def foreign_key(name, table = nil, opts = {})
        if table.is_a?(Hash)
          opts = table
          table = opts[:table]
        end
        raise ArgumentError, "foreign_key #{name.inspect} needs the table it references" unless table
        if name.is_a?(Array)
          @constraints << "FOREIGN KEY (#{name.map { |n| SQL.quote(n) }.join(', ')})#{Migration.references_sql(table, opts)}"
        else
          column(name, opts[:type] || Integer, opts.merge(table: table))
        end
      end

      def index(columns, opts = {}) @indexes << [Array(columns), opts] end

      def unique(columns, opts = {})
        name = opts[:name] ? "CONSTRAINT #{SQL.quote(opts[:name])} " : ''
        @constraints << "#{name}UNIQUE (#{Array(columns).map { |c| SQL.quote(c) }.join(', ')})"
      end

      # check('age >= 0') / check(Sequel[:age] >= 0) with literal values only.
      def check(expr) @constraints << "CHECK (#{Migration.expression_sql(expr)})" end

      def constraint(name, expr)
        @constraints << "CONSTRAINT #{SQL.quote(name)} CHECK (#{Migration.expression_sql(expr)})"
      end
    end

    # Alterations (Sequel's AlterTableGenerator), one statement each.
    class AlterBuilder
      def initialize(schema, table)
        @schema = schema
        @table = table
      end

      def add_column(name, type, opts = {}) @schema.add_column(@table, name, type, opts) end
      def drop_column(name) @schema.drop_column(@table, name) end
      def rename_column(from, to) @schema.rename_column(@table, from, to) end
      def add_index(columns, opts = {}) @schema.add_index(@table, columns, opts) end
      def drop_index(columns, opts = {}) @schema.drop_index(@table, columns, opts) end

      def add_foreign_key(name, table, opts = {})
        raise ArgumentError, "SQLite can't add a composite foreign key to an existing table" if name.is_a?(Array)
        add_column(name, opts[:type] || Integer, opts.merge(table: table))
      end

      %w[set_column_type set_column_default set_column_null set_column_not_null add_primary_key
         add_constraint add_unique_constraint drop_constraint drop_foreign_key].each do |m|
        define_method(m) do |*_args|
          raise NotImplementedError, "#{m} needs a table rebuild on SQLite/D1, which kiln db migrate does not do: create a new table, copy the rows (run 'INSERT INTO ... SELECT ...'), drop the old one and rename"
        end
      end
    end

    # self inside change/up: Sequel's schema methods, collecting statements.
    class Schema
      attr_reader :statements

      def initialize
        @statements = []
      end

      def create_table(name, opts = {}, &block)
        raise ArgumentError, "create_table #{name.inspect} needs a block with its columns" unless block
        t = TableBuilder.new(name)
        t.instance_exec(&block)
        raise ArgumentError, "create_table #{name.inspect} defines no columns" if t.columns.empty?
        body = (t.columns + t.constraints).map { |c| "  #{c}" }.join(",\n")
        exists = opts[:if_not_exists] ? 'IF NOT EXISTS ' : ''
        @statements << "CREATE TABLE #{exists}#{SQL.quote(name)} (\n#{body}\n)"
        t.indexes.each { |cols, o| add_index(name, cols, opts[:if_not_exists] ? o.merge(if_not_exists: true) : o) }
      end

      def create_table?(name, opts = {}, &block) create_table(name, opts.merge(if_not_exists: true), &block) end

      def create_table!(name, opts = {}, &block)
        drop_table?(name)
        create_table(name, opts, &block)
      end

      def drop_table(*names)
        opts = names.last.is_a?(Hash) ? names.pop : {}
        names.each { |n| @statements << "DROP TABLE #{opts[:if_exists] ? 'IF EXISTS ' : ''}#{SQL.quote(n)}" }
      end

      def drop_table?(*names) drop_table(*names, if_exists: true) end
      def rename_table(from, to) @statements << "ALTER TABLE #{SQL.quote(from)} RENAME TO #{SQL.quote(to)}" end

      def alter_table(name, &block)
        raise ArgumentError, "alter_table #{name.inspect} needs a block" unless block
        AlterBuilder.new(self, name).instance_exec(&block)
      end

      def add_column(table, name, type, opts = {})
        @statements << "ALTER TABLE #{SQL.quote(table)} ADD COLUMN #{Migration.column_sql(name, type, opts)}"
        add_index(table, [name], opts[:index].is_a?(Hash) ? opts[:index] : {}) if opts[:index]
      end

      def drop_column(table, name) @statements << "ALTER TABLE #{SQL.quote(table)} DROP COLUMN #{SQL.quote(name)}" end

      def rename_column(table, from, to)
        @statements << "ALTER TABLE #{SQL.quote(table)} RENAME COLUMN #{SQL.quote(from)} TO #{SQL.quote(to)}"
      end

      # Sequel's index name: TABLE_COL1_COL2_index.
      def add_index(table, columns, opts = {})
        columns = Array(columns)
        name = opts[:name] || Migration.index_name(table, columns)
        unique = opts[:unique] ? 'UNIQUE ' : ''
        exists = opts[:if_not_exists] ? 'IF NOT EXISTS ' : ''
        cols = columns.map { |c| c.is_a?(SQL::Expression) ? Migration.expression_sql(c) : SQL.quote(c) }.join(', ')
        where = opts[:where] ? " WHERE #{Migration.expression_sql(opts[:where])}" : ''
        @statements << "CREATE #{unique}INDEX #{exists}#{SQL.quote(name)} ON #{SQL.quote(table)} (#{cols})#{where}"
      end

      def drop_index(table, columns, opts = {})
        name = opts[:name] || Migration.index_name(table, Array(columns))
        @statements << "DROP INDEX #{opts[:if_exists] ? 'IF EXISTS ' : ''}#{SQL.quote(name)}"
      end

      # Raw SQL, written as it is (data migrations, views, triggers).
      def run(sql) @statements << sql.to_s.strip.sub(/;\z/, '') end
    end

    def self.index_name(table, columns)
      "#{table}_#{columns.map { |c| c.is_a?(SQL::Identifier) ? c.parts.last : c }.join('_')}_index"
    end

    # "name" type [NOT NULL] [DEFAULT x] [PRIMARY KEY] [UNIQUE] [REFERENCES ...]
    def self.column_sql(name, type, opts = {})
      sql = "#{SQL.quote(name)} #{type_sql(type, opts)}"
      sql << ' NOT NULL' if opts[:null] == false
      sql << ' NULL' if opts[:null] == true
      sql << " DEFAULT #{literal(opts[:default])}" if opts.key?(:default)
      sql << ' PRIMARY KEY' if opts[:primary_key]
      sql << ' UNIQUE' if opts[:unique]
      sql << " COLLATE #{opts[:collate]}" if opts[:collate] && opts[:collate].to_s =~ /\A[A-Za-z_]+\z/
      sql << references_sql(opts[:table], opts) if opts[:table]
      sql
    end

    ACTIONS = { cascade: 'CASCADE', restrict: 'RESTRICT', set_null: 'SET NULL', set_default: 'SET DEFAULT', no_action: 'NO ACTION' }

    def self.references_sql(table, opts)
      sql = " REFERENCES #{SQL.quote(table)}"
      key = opts[:key]
      sql << " (#{Array(key).map { |k| SQL.quote(k) }.join(', ')})" if key
      [[:on_delete, 'ON DELETE'], [:on_update, 'ON UPDATE']].each do |opt, words|
        next unless opts[opt]
        action = ACTIONS[opts[opt]] or raise ArgumentError, "#{opt} must be one of #{ACTIONS.keys.map(&:inspect).join(', ')}"
        sql << " #{words} #{action}"
      end
      sql << ' DEFERRABLE INITIALLY DEFERRED' if opts[:deferrable]
      sql
    end

    # A CHECK / partial-index expression: a SQL String, or an expression
    # whose values are written as literals (DDL takes no parameters).
    def self.expression_sql(expr)
      return expr.to_s if expr.is_a?(String)
      q = InlineQuery.new
      q.condition(expr)
      q.sql
    end

    # Renders values as literals instead of placeholders.
    class InlineQuery < SQL::Query
      def param(value)
        @sql << Migration.literal(value)
        self
      end
    end
  end

  def self.migration(&block) Migration.define(&block) end

  module SQL
    def self.migration(&block) Migration.define(&block) end
  end

  # kiln db migrate (js/cli/commands/migrate.js) bundles this library and
  # sends the migration files in a 'migrations' event.
  Events::HANDLERS['migrations'] = ->(event) { Migration.compile(event['files'] || []) }
end
