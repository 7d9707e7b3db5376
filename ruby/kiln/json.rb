# JSON with the CRuby json gem's API. Parsing and generating are C++
# (src/json/json.cpp: JSON.__parse, JSON.__generate, Object#to_json); this file
# holds the option handling. Errors: JSON::ParserError, JSON::NestingError
# (a ParserError) and JSON::GeneratorError, all JSON::JSONError.
module JSON
  # Raised by parse (the input's) and by generate (the server's data: set by
  # src/json/json.cpp), which Kiln::Base#handle_exception! answers 400 and 500.
  class NestingError
    def generating?
      @generating == true
    end
  end

  # Generator options; passed to user-defined #to_json methods so nested
  # calls keep the layout (pretty_generate) and the depth.
  class State
    attr_accessor :indent, :space, :space_before, :object_nl, :array_nl, :max_nesting, :depth

    def self.from_state(opts)
      case opts
      when State then opts
      when Hash then new(opts)
      else new
      end
    end

    def initialize(opts = nil)
      @indent = ''
      @space = ''
      @space_before = ''
      @object_nl = ''
      @array_nl = ''
      @allow_nan = false
      @max_nesting = 100
      @depth = 0
      configure(opts) if opts
    end

    def configure(opts)
      opts.each do |key, value|
        case key.to_sym
        when :indent then @indent = value.to_s
        when :space then @space = value.to_s
        when :space_before then @space_before = value.to_s
        when :object_nl then @object_nl = value.to_s
        when :array_nl then @array_nl = value.to_s
        when :allow_nan then @allow_nan = value ? true : false
        when :max_nesting then @max_nesting = value ? value.to_i : 0
        when :depth then @depth = value.to_i
        end
      end
      self
    end
    alias merge configure

    def allow_nan?
      @allow_nan
    end

    def generate(obj)
      JSON.__generate(obj, self)
    end

    def to_h
      { indent: @indent, space: @space, space_before: @space_before, object_nl: @object_nl,
        array_nl: @array_nl, allow_nan: @allow_nan, max_nesting: @max_nesting, depth: @depth }
    end
  end

  PRETTY = { indent: '  ', space: ' ', object_nl: "\n", array_nl: "\n" }.freeze

  class << self
    # Options: symbolize_names (default false), max_nesting (default 100;
    # false or 0 for none). Integers beyond 64 bits become Floats.
    def parse(source, opts = nil)
      symbolize = false
      max_nesting = 100
      if opts
        symbolize = opts[:symbolize_names] ? true : false
        if opts.key?(:max_nesting)
          max_nesting = opts[:max_nesting] ? opts[:max_nesting].to_i : 0
        end
      end
      __parse(source, symbolize, max_nesting)
    end

    def parse!(source, opts = nil)
      parse(source, { max_nesting: false }.merge(opts || {}))
    end

    # Like parse, but nil or an empty source give nil and an IO-like source is read.
    def load(source, _proc = nil, opts = nil)
      source = source.read if source.respond_to?(:read)
      return nil if source.nil? || source.empty?
      parse(source, { max_nesting: false }.merge(opts || {}))
    end

    def generate(obj, opts = nil)
      __generate(obj, opts.nil? ? nil : State.from_state(opts))
    end
    alias unparse generate
    alias fast_generate generate

    def pretty_generate(obj, opts = nil)
      state = State.new(PRETTY)
      state.configure(opts.is_a?(State) ? opts.to_h : opts) if opts
      __generate(obj, state)
    end

    # NaN and Infinity allowed, no nesting limit but Kiln's own (1000 levels);
    # written to io when one is given.
    def dump(obj, io = nil, limit = nil)
      if limit.nil? && io.is_a?(Integer)
        limit = io
        io = nil
      end
      begin
        text = __generate(obj, State.new(allow_nan: true, max_nesting: limit || false))
      rescue NestingError => e
        raise ArgumentError, 'exceed depth limit' if limit
        raise e
      end
      return text unless io
      io.write(text)
      io
    end
  end
end

# JSON(object): part of the json gem's API (json/common.rb), so it stays
# with JSON rather than in boot/core_ext/.
module Kernel
  # JSON(string) parses, JSON(object) generates.
  def JSON(object, opts = nil)
    object.is_a?(String) ? JSON.parse(object, opts) : JSON.generate(object, opts)
  end
end
