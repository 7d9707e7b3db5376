# D1: db.prepare(sql).bind(*args).all / first / run / raw, db.batch, db.exec,
# and db.query(sql, *args) -> rows. Rows are Hashes readable by String or
# Symbol; arguments are always bound, never interpolated.
module Kiln
  module Bindings
    class D1
      # DB[:users], DB.from, DB.dataset, DB.fetch come with require 'sequel'
      # (kiln/lib/kiln/dataset.rb includes Kiln::Database, which then comes
      # first); without it they say so.
      module DatasetsNeedRequire
        %i[[] from dataset fetch].each do |m|
          define_method(m) do |*|
            raise NoMethodError, "#{@name}#{m == :[] ? '[]' : ".#{m}"}: D1 datasets need require 'sequel' (or require 'kiln/dataset') in the app"
          end
        end
      end
      include DatasetsNeedRequire

      attr_reader :name

      def initialize(name) @name = name end

      def prepare(sql) Statement.new(self, sql.to_s, []) end

      def query(sql, *args)
        prepare(sql).bind(*args).all[:results]
      end

      def batch(statements)
        results = Kiln.await(:d1, @name, 'batch', statements.map { |s| [s.sql, s.args] })
        results.map { |r| D1.result(r) }
      end

      def exec(sql)
        Bindings.symbolize(Kiln.await(:d1, @name, 'exec', sql.to_s))
      end

      def self.result(r)
        { results: r['results'].map { |row| IndifferentHash[row] }, success: r['success'], meta: Bindings.symbolize(r['meta'] || {}) }
      end

      class Statement
        attr_reader :sql, :args

        def initialize(db, sql, args)
          @db = db
          @sql = sql
          @args = args
        end

        def bind(*args) Statement.new(@db, @sql, args) end

        def all() D1.result(call('all')) end
        def run() D1.result(call('run')) end
        def raw() call('raw') end

        def first(column = nil)
          row = call('first')
          return nil if row.nil?
          column ? row[column.to_s] : IndifferentHash[row]
        end

        private

        def call(method)
          Kiln.await(:d1, @db.name, method, [@sql, @args])
        end
      end
    end
    KINDS['d1'] = D1
  end
end
