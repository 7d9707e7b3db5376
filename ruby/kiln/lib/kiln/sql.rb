# SQL expressions for datasets (ruby/kiln/dataset.rb) and migrations, in
# Sequel's spelling: Sequel[:users][:id], Sequel.desc(:name), Sequel.lit,
# Sequel.function, Sequel.as, Sequel.|, Sequel.~, Sequel.like, and
# comparison/arithmetic operators on them (Sequel[:age] > 18).
#
# Rendering goes through one Query object: identifiers are quoted
# (`a``b`), values become `?` placeholders with the value in #params, so
# no value ever reaches the SQL text.
module Kiln
  module SQL
    # Appends SQL text and bound parameters.
    class Query
      attr_reader :sql, :params

      def initialize
        @sql = ''
        @params = []
      end

      def <<(text)
        @sql << text
        self
      end

      def param(value)
        @sql << '?'
        @params << SQL.bindable(value)
        self
      end

      def identifier(name)
        @sql << SQL.quote(name)
        self
      end

      # Sequel's literal_append: a Symbol is a column, an expression renders
      # itself, a dataset is a subquery, an Array a list, anything else a
      # bound value.
      def value(v)
        case v
        when Symbol then v == :* ? (@sql << '*') : identifier(v)
        when Expression then v.append_to(self)
        when Dataset then subquery(v)
        when Array then list(v)
        else param(v)
        end
        self
      end

      def list(values)
        @sql << '('
        values.each_with_index do |v, i|
          @sql << ', ' if i > 0
          value(v)
        end
        @sql << ')'
        self
      end

      def subquery(dataset)
        @sql << '('
        dataset.append_select(self)
        @sql << ')'
        self
      end

      def join(items, separator)
        items.each_with_index do |item, i|
          @sql << separator if i > 0
          yield item
        end
        self
      end

      # A where/having argument: Hash or Array of pairs (ANDed), an
      # expression, or true/false.
      def condition(cond)
        case cond
        when Hash, Array
          pairs = cond.to_a
          raise ArgumentError, "a condition Array holds [column, value] pairs, got #{cond.inspect}" unless pairs.all? { |p| p.is_a?(Array) && p.size == 2 }
          raise ArgumentError, 'empty condition' if pairs.empty?
          @sql << '(' if pairs.size > 1
          join(pairs, ' AND ') { |(k, v)| pair(k, v) }
          @sql << ')' if pairs.size > 1
        when Expression, Symbol then value(cond)  # a Symbol: a boolean column
        when true then @sql << '(1 = 1)'
        when false then @sql << '(1 = 0)'
        else raise ArgumentError, "can't use #{cond.inspect} as a condition (a Hash, an Array of pairs, a String with placeholders or a Sequel expression)"
        end
        self
      end

      # column => value: nil -> IS NULL, Array/dataset -> IN, Range -> BETWEEN.
      def pair(column, v)
        return @sql << '(1 = 0)' if v.is_a?(Array) && v.empty?  # IN () matches nothing
        @sql << '('
        value(column)
        case v
        when nil then @sql << ' IS NULL'
        when Array
          @sql << ' IN '
          list(v)
        when Dataset
          @sql << ' IN '
          subquery(v)
        when Range then range(column, v)
        else
          @sql << ' = '
          value(v)
        end
        @sql << ')'
      end

      def range(column, r)
        if r.begin.nil? && r.end.nil? then @sql << ' IS NOT NULL'
        elsif r.end.nil?
          @sql << ' >= '
          param(r.begin)
        elsif r.begin.nil?
          @sql << (r.exclude_end? ? ' < ' : ' <= ')
          param(r.end)
        elsif r.exclude_end?
          @sql << ' >= '
          param(r.begin)
          @sql << ' AND '
          value(column)
          @sql << ' < '
          param(r.end)
        else
          @sql << ' BETWEEN '
          param(r.begin)
          @sql << ' AND '
          param(r.end)
        end
      end
    end

    # `name` with embedded backticks doubled: any name is inert inside it.
    # Backticks, as Sequel quotes for SQLite: SQLite (and D1) read an
    # unknown "name" as a string literal, a `name` always as an identifier,
    # so a misspelt column is an error, not a silent constant.
    def self.quote(name)
      quoted = QUOTED[name]
      return quoted if quoted
      s = name.to_s
      raise ArgumentError, "invalid SQL identifier #{name.inspect}" if s.empty? || s.include?("\0")
      quoted = s.include?('`') ? "`#{s.gsub('`', '``')}`" : "`#{s}`"
      QUOTED[name] = quoted.freeze if name.is_a?(Symbol)  # Symbols are never freed anyway
      quoted
    end
    QUOTED = {}

    # The values D1 binds: nil, true/false (1/0), numbers, Strings (text
    # or, when not valid UTF-8... still text: use Kiln::SQL.blob for bytes).
    # A Time is stored as SQLite's "YYYY-MM-DD HH:MM:SS" in UTC.
    def self.bindable(v)
      case v
      when nil, true, false, Integer, Float, String then v
      when Time
        t = v.getutc
        format('%04d-%02d-%02d %02d:%02d:%02d', t.year, t.month, t.day, t.hour, t.min, t.sec)
      when Blob then v.bytes
      else raise ArgumentError, "can't bind #{v.inspect} (#{v.class}) as a D1 value: use nil, true/false, a number, a String or a Time"
      end
    end

    class Expression
      def append_to(_q) raise NotImplementedError, "#{self.class} can't render itself" end

      def sql
        q = Query.new
        append_to(q)
        [q.sql, q.params]
      end

      def inspect
        s, params = sql
        "#<#{self.class.name} #{s}#{params.empty? ? '' : " #{params.inspect}"}>"
      end
    end

    # Comparisons and arithmetic, for identifiers, functions and literals.
    module Operators
      def >(other) Binary.new(self, '>', other) end
      def <(other) Binary.new(self, '<', other) end
      def >=(other) Binary.new(self, '>=', other) end
      def <=(other) Binary.new(self, '<=', other) end
      def +(other) Binary.new(self, '+', other) end
      def -(other) Binary.new(self, '-', other) end
      def *(other) Binary.new(self, '*', other) end
      def /(other) Binary.new(self, '/', other) end
      def =~(other) Condition.new(self => other) end
      def like(pattern) Binary.new(self, 'LIKE', pattern) end
      def as(name) Aliased.new(self, name) end
      def desc(opts = {}) Ordered.new(self, true, opts) end
      def asc(opts = {}) Ordered.new(self, false, opts) end
      def &(other) Boolean.new('AND', [self, other]) end
      def |(other) Boolean.new('OR', [self, other]) end
      def ~() Boolean.new('NOT', [self]) end
    end

    # A column or table, optionally qualified: Sequel[:users][:id].
    class Identifier < Expression
      include Operators
      attr_reader :parts

      def initialize(*parts)
        @parts = parts
      end

      def [](name) Identifier.new(*@parts, name) end
      def *() Literal.new("#{@parts.map { |p| SQL.quote(p) }.join('.')}.*") end

      def append_to(q)
        q.join(@parts, '.') { |p| q.identifier(p) }
      end
    end

    # Raw SQL, with `?` (or `:name` with a Hash) placeholders for values.
    class Literal < Expression
      include Operators

      def initialize(text, args = [])
        @text = text.to_s
        @args = args
        @named = args.size == 1 && args[0].is_a?(Hash) ? args[0] : nil
      end

      # Walks the text outside quotes: `?` takes the next argument (an
      # Array becomes a list), `:name` the named one.
      def append_to(q)
        i = 0
        used = 0
        quote = nil
        n = @text.size
        while i < n
          c = @text[i]
          if quote
            quote = nil if c == quote
            q << c
          elsif c == "'" || c == '"' || c == '`'
            quote = c
            q << c
          elsif c == '?' && !@named
            raise ArgumentError, "more ? placeholders than arguments in #{@text.inspect}" if used >= @args.size
            arg = @args[used]
            used += 1
            arg.is_a?(Array) ? q.list(arg) : q.value(arg)
          elsif c == ':' && @named && @text[i + 1] != ':' && (i == 0 || @text[i - 1] != ':') && word?(@text[i + 1])
            j = i + 1
            j += 1 while j < n && word?(@text[j])
            key = @text[i + 1...j].to_sym
            raise ArgumentError, "no value for :#{key} in #{@text.inspect}" unless @named.key?(key)
            arg = @named[key]
            arg.is_a?(Array) ? q.list(arg) : q.value(arg)
            i = j
            next
          else
            q << c
          end
          i += 1
        end
        raise ArgumentError, "#{@args.size} arguments for #{used} ? placeholders in #{@text.inspect}" if !@named && used != @args.size
      end

      private

      def word?(c)
        !c.nil? && (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      end
    end

    # left OP right; each side is rendered with Query#value.
    class Binary < Expression
      include Operators

      def initialize(left, op, right)
        @left = left
        @op = op
        @right = right
      end

      def append_to(q)
        q << '('
        q.value(@left)
        q << " #{@op} "
        q.value(@right)
        q << ')'
      end
    end

    # A where-style condition (Hash, pairs, expression) as an expression.
    class Condition < Expression
      include Operators

      def initialize(cond)
        @cond = cond
      end

      def append_to(q) q.condition(@cond) end
    end

    # AND / OR of conditions, NOT of one.
    class Boolean < Expression
      include Operators
      attr_reader :op, :conds

      def initialize(op, conds)
        @op = op
        @conds = conds
      end

      def append_to(q)
        if @op == 'NOT'
          q << 'NOT '
          q.condition(@conds[0])
        else
          q << '('
          q.join(@conds, " #{@op} ") { |c| q.condition(c) }
          q << ')'
        end
      end
    end

    class Function < Expression
      include Operators

      def initialize(name, args)
        @name = name.to_s
        raise ArgumentError, "invalid SQL function name #{name.inspect}" unless @name =~ /\A[A-Za-z_][A-Za-z0-9_]*\z/
        @args = args
      end

      # count(*): Sequel.function(:count).*
      def *() Function.new(@name, [:*]) end

      def append_to(q)
        q << @name << '('
        q.join(@args, ', ') { |a| q.value(a) }
        q << ')'
      end
    end

    class Aliased < Expression
      attr_reader :expression, :alias_name

      def initialize(expression, alias_name)
        @expression = expression
        @alias_name = alias_name
      end

      def append_to(q)
        q.value(@expression)
        q << ' AS '
        q.identifier(@alias_name)
      end
    end

    class Ordered < Expression
      attr_reader :expression, :descending

      def initialize(expression, descending, opts = {})
        @expression = expression
        @descending = descending
        @nulls = opts[:nulls]
        raise ArgumentError, "nulls: must be :first or :last, got #{@nulls.inspect}" unless [nil, :first, :last].include?(@nulls)
      end

      def invert() Ordered.new(@expression, !@descending, nulls: @nulls && (@nulls == :first ? :last : :first)) end

      def append_to(q)
        q.value(@expression)
        q << (@descending ? ' DESC' : ' ASC')
        q << " NULLS #{@nulls.to_s.upcase}" if @nulls
      end
    end

    # Bytes to bind as a BLOB (a String is bound as TEXT).
    class Blob
      attr_reader :bytes

      def initialize(bytes) @bytes = bytes.to_s.bytes end
    end

    # `where { age > 18 }`: a bare name is a column, name(args) a function.
    class VirtualRow < BasicObject
      def method_missing(name, *args)
        args.empty? ? Identifier.new(name) : Function.new(name, args)
      end

      def respond_to_missing?(*) true end
    end

    def self.virtual_row(block)
      row = VirtualRow.new
      block.arity == 1 ? block.call(row) : row.instance_exec(&block)
    end

    # The Sequel module's helpers.
    module Helpers
      def [](*parts)
        parts.size == 1 && parts[0].is_a?(Symbol) ? Identifier.new(parts[0]) : expr(*parts)
      end

      def expr(value)
        case value
        when Symbol then Identifier.new(value)
        when Hash, Array then Condition.new(value)
        when Expression then value
        else Literal.new('?', [value])
        end
      end

      def identifier(name) Identifier.new(name) end
      def qualify(table, column) Identifier.new(table, column) end
      def lit(text, *args) Literal.new(text, args) end
      def desc(expr, opts = {}) Ordered.new(expr, true, opts) end
      def asc(expr, opts = {}) Ordered.new(expr, false, opts) end
      def as(expr, name) Aliased.new(expr, name) end
      def function(name, *args) Function.new(name, args) end
      def like(column, pattern) Binary.new(column, 'LIKE', pattern) end
      def blob(bytes) Blob.new(bytes) end
      def |(*conds) Boolean.new('OR', conds) end
      def &(*conds) Boolean.new('AND', conds) end
      def ~(cond) Boolean.new('NOT', [cond]) end
      def or(*conds) Boolean.new('OR', conds) end
      def negate(cond) Boolean.new('NOT', [cond]) end

      def connect(*)
        raise NotImplementedError, 'there is no Sequel.connect on Workers: a database is a [[d1_databases]] binding in wrangler.toml, e.g. DB = bindings.DB'
      end
    end
    extend Helpers

    CURRENT_TIMESTAMP = Literal.new('CURRENT_TIMESTAMP')
    CURRENT_DATE = Literal.new('CURRENT_DATE')
  end
end

# Sequel.desc(:x), Sequel[:users][:id], Sequel.lit(...), Sequel.migration:
# the subset of Sequel's module Kiln provides (there is no Sequel.connect:
# databases are wrangler.toml bindings).
Sequel = Kiln::SQL unless Object.const_defined?(:Sequel)
