# Durable Objects in Ruby:
#
#   class Counter < Kiln::DurableObject
#     get '/' do                      # Sinatra-style routes, or define fetch(request)
#       n = (state.storage.get('n') || 0) + 1
#       state.storage.put('n', n)
#       n.to_s
#     end
#   end
#
# One Ruby object per Durable Object id lives as long as the isolate keeps it;
# its durable data is state.storage (and state.storage.sql). Stubs come from
# the namespace binding: bindings.COUNTER.get_by_name('x').fetch('/').
module Kiln
  class DurableObject < Base
    INSTANCES = {}

    # What `state` is inside a Durable Object.
    class State
      attr_reader :id, :storage

      def initialize(id)
        @id = id
        @storage = Storage.new
      end

      # Runs the block with no other event (request, RPC, alarm, WebSocket
      # message) delivered to this object until it ends, awaits included:
      # workerd's ctx.blockConcurrencyWhile. Returns the block's value; its
      # exception is re-raised (the object is not reset, as workerd would).
      def block_concurrency_while
        Kiln.await(:durable_object, 'block_concurrency_while')
        begin
          yield
        ensure
          Kiln.await(:durable_object, 'block_concurrency_end')
        end
      end
    end

    class Storage
      def get(key) Kiln.await(:durable_object, 'get', key) end
      # put('k', v) or put({'a' => 1, 'b' => 2})
      def put(key, value = nil) Kiln.await(:durable_object, 'put', key, value) end
      def delete(key) Kiln.await(:durable_object, 'delete', key) end
      def delete_all() Kiln.await(:durable_object, 'delete_all') end

      def list(prefix: nil, limit: nil, start: nil, finish: nil, reverse: nil)
        Kiln.await(:durable_object, 'list', { 'prefix' => prefix, 'limit' => limit, 'start' => start, 'end' => finish, 'reverse' => reverse })
      end

      # A real transaction (workerd's transactionSync): the block's storage
      # calls (sql.exec, exec_many, get, put, delete, list) see its own
      # writes and commit together when it returns; an exception rolls all
      # of them back and is re-raised. Nothing else can await inside it (a
      # fetch, sleep, another binding): that raises Kiln::AwaitError, since
      # workerd runs the transaction as one synchronous callback. Nested
      # blocks are savepoints. Returns the block's value.
      def transaction
        Kiln.await(:durable_object, 'transaction')
        begin
          result = yield self
        rescue ::Exception => e
          Kiln.await(:durable_object, 'transaction_end', false)
          raise e
        end
        Kiln.await(:durable_object, 'transaction_end', true)
        result
      end
      alias transaction_sync transaction

      def sql() SQL.new end

      def set_alarm(time)
        ms = time.is_a?(Time) ? (time.to_f * 1000).to_i : time.to_i
        Kiln.await(:durable_object, 'set_alarm', ms)
      end

      def get_alarm() Kiln.await(:durable_object, 'get_alarm') end
      def delete_alarm() Kiln.await(:durable_object, 'delete_alarm') end
    end

    # SQLite-backed Durable Objects (new_sqlite_classes in wrangler.toml).
    class SQL
      # Runs every statement of query (params bind to the last one) and
      # returns the last one's Cursor.
      def exec(query, *args)
        Cursor.new(Kiln.await(:durable_object, 'sql', query.to_s, args))
      end

      # One statement for each row of params, in one await and one
      # transaction (all or none); returns the rows written in total.
      def exec_many(query, rows)
        Kiln.await(:durable_object, 'sql_many', query.to_s, rows.map { |r| r.to_a })
      end

      # The database file's size in bytes (workerd's sql.databaseSize).
      def database_size() Kiln.await(:durable_object, 'database_size') end

      # What sql.exec answers: every row, read in the one await, as Hashes
      # (to_a, each and Enumerable, one) or Arrays (raw), and workerd's
      # counters. It converts to an Array implicitly (to_ary), so code that
      # treated exec's value as an Array of rows, or returns it from RPC,
      # keeps working.
      class Cursor
        include Enumerable
        attr_reader :column_names, :rows_read, :rows_written

        def initialize(data)
          @column_names = data['columns']
          @raw = data['rows']
          @rows_read = data['rows_read']
          @rows_written = data['rows_written']
        end

        def to_a
          @rows ||= @raw.map do |values|
            row = IndifferentHash.new
            @column_names.each_with_index { |c, i| row[c] = values[i] }
            row
          end
        end
        alias to_ary to_a

        def each(&block)
          return to_enum(:each) unless block
          to_a.each(&block)
          self
        end

        # [[value, ...], ...] in column order (duplicate names kept).
        def raw() @raw end

        # The only row; workerd's error when there are none or several.
        def one
          return to_a[0] if @raw.size == 1
          raise Kiln::Error, "Expected exactly one result from SQL query, but got #{@raw.empty? ? 'no results' : 'multiple results'}."
        end

        def first(*n) n.empty? ? to_a[0] : to_a.first(*n) end
        def [](*i) to_a[*i] end
        def last(*n) to_a.last(*n) end
        def size() @raw.size end
        alias length size
        def empty?() @raw.empty? end

        # Code written when exec answered an Array (reverse, sort_by, ...)
        # keeps working: Array's other methods answer on the rows.
        def method_missing(name, *args, &block)
          return super unless Array.method_defined?(name)
          to_a.send(name, *args, &block)
        end

        def respond_to_missing?(name, include_private = false)
          Array.method_defined?(name) || super
        end
        def ==(other) other.respond_to?(:to_ary) && to_a == other.to_ary end
        def to_json(*a) to_a.to_json(*a) end
        def inspect() "#<Kiln::DurableObject::SQL::Cursor #{to_a.inspect}>" end
      end
    end

    class << self
      # The live Ruby object for (class name, id).
      def instance_for(class_name, id)
        INSTANCES[[class_name, id]] ||= begin
          klass = class_name.split('::').inject(Object) { |mod, n| mod.const_get(n) }
          raise TypeError, "#{class_name} is not a Kiln::DurableObject" unless klass.ancestors.include?(DurableObject)
          obj = klass.new
          obj.__attach(State.new(id))
          obj
        end
      end

      # Requests to a Durable Object: its own fetch(request) if it defines
      # one, else its routes (a fresh copy per request, like any Sinatra app).
      # A 101 is accept_web_socket's answer (ruby/kiln/websocket.rb): the
      # response's extras tell the runtime to hand the client its socket.
      def dispatch(env)
        # A body js/worker/kiln.js refused (over the app's max_body_size).
        return Middleware.too_large(env, env['kiln.body_too_large'], Kiln.app.max_body_size) if env['kiln.body_too_large']
        d = env['kiln.durable_object']
        obj = instance_for(d['class'], d['id'])
        response = obj.class.instance_method(:fetch).owner == DurableObject ? obj.call(env) : fetch_response(obj, env)
        env['kiln.websocket'] = true if response[0] == 101
        response
      end

      def fetch_response(obj, env)
        result = obj.fetch(Request.new(env))
        result = [200, {}, result] if result.is_a?(String)
        status, headers, body = result
        Response.new(body, status, headers || {}).tap { |r| r['content-type'] ||= 'text/plain;charset=utf-8' }.finish(env['REQUEST_METHOD'] == 'HEAD')
      end

      def dispatch_event(event)
        obj = instance_for(event['class'], event['id'])
        case event['type']
        when 'do_call'
          raise NoMethodError, "#{obj.class} has no public method #{event['method']}" unless obj.respond_to?(event['method'])
          obj.public_send(event['method'], *(event['args'] || []))
        when 'do_alarm' then obj.alarm
        end
      end
    end

    attr_reader :state

    def __attach(state)
      @state = state
    end

    # Default handlers; a subclass overrides what it uses.
    def fetch(_request)
      nil
    end

    def alarm; end
    # WebSockets (accept_web_socket, web_socket_message...): ruby/kiln/websocket.rb.

    def storage
      state.storage
    end
  end

  # Included in sinatra/helpers.rb. (Not DurableObject::Helpers: a Durable
  # Object class body would then see it as `Helpers`, hiding an app's own.)
  module Bindings::DurableObjectHelpers
    # Hands this very request to a Durable Object (WebSocket upgrades
    # included), at `path` if given, and sends its response back unchanged
    # (the response's extras tell the runtime: Kiln.response_extras).
    def forward_to(stub, path = nil)
      env['kiln.forward'] = { 'namespace' => stub.namespace.to_s, 'id' => stub.id.to_s, 'path' => path && path.to_s }
      halt 200, ''
    end
  end

  # A Durable Object namespace binding: ids and stubs.
  module Bindings
    class DurableObjectNamespace
      attr_reader :name

      def initialize(name) @name = name end
      def id_from_name(n) Kiln.await(:durable_object_namespace, @name, 'id_from_name', n.to_s) end
      def new_unique_id() Kiln.await(:durable_object_namespace, @name, 'new_unique_id') end
      def get(id) Stub.new(@name, id.to_s) end
      def get_by_name(n) get(id_from_name(n)) end
    end
    KINDS['durable_object'] = DurableObjectNamespace

    class Stub
      attr_reader :id, :namespace

      def initialize(ns, id)
        @ns = ns
        @namespace = ns
        @id = id
      end

      def fetch(path_or_url, method: 'GET', headers: {}, body: nil)
        init = { 'method' => method.to_s.upcase, 'headers' => headers.each_with_object({}) { |(k, v), h| h[k.to_s] = v.to_s } }
        init['body'] = body.to_s unless body.nil?
        HTTP::Response.new(Kiln.await(:durable_object_namespace, @ns, 'fetch', @id, path_or_url.to_s, init))
      end

      # RPC: runs a public method of the Ruby Durable Object and returns its value.
      def call(method, *args)
        Kiln.await(:durable_object_namespace, @ns, 'call', @id, method.to_s, args)
      end
    end
  end
end

module Sinatra
  DurableObject = Kiln::DurableObject
end
