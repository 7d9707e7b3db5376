# Work that is not an HTTP request: cron triggers (`schedule`), queue
# batches (`consume_queue`) and background work after a response
# (`wait_until`). Each runs in its own fiber like a request, so bindings
# and other awaits work the same way.
module Kiln
  module Events
    SCHEDULES = []
    CONSUMERS = {}
    BACKGROUND = {}
    # Other event types by name: {type => callable(event)}, added by the
    # libraries that handle them (kiln test's test/dsl.rb, kiln db migrate's
    # lib/kiln/migration.rb).
    HANDLERS = {}
    @next_background = 0

    class << self
      # Blocks run after the response is sent; returns their id.
      def defer(blocks)
        id = (@next_background += 1)
        BACKGROUND[id] = blocks
        id
      end

      def dispatch(event)
        case event['type']
        when 'scheduled' then run_schedules(ScheduledEvent.new(event['cron'].to_s, event['scheduled_time']))
        when 'queue' then run_consumer(QueueBatch.new(event['queue'].to_s, event['messages'] || []))
        when 'background' then run_background(event['id'])
        when 'do_call', 'do_alarm', 'do_ws_message', 'do_ws_close' then DurableObject.dispatch_event(event)
        else
          handler = HANDLERS[event['type']] or raise ArgumentError, "unknown event type #{event['type'].inspect}"
          handler.call(event)
        end
      end

      def run_schedules(event)
        matching = SCHEDULES.select { |cron, _| cron == event.cron }
        if matching.empty?
          Kiln.log_error("kiln: no `schedule #{event.cron.inspect}` block for this cron trigger")
          return { 'ran' => 0 }
        end
        matching.each { |_, block| EventContext.new.instance_exec(event, &block) }
        { 'ran' => matching.size }
      end

      def run_consumer(batch)
        block = CONSUMERS[batch.queue] or raise ArgumentError, "no consume_queue #{batch.queue.inspect} block"
        EventContext.new.instance_exec(batch, &block)
        batch.outcome
      end

      def run_background(id)
        (BACKGROUND.delete(id) || []).each do |block|
          begin
            block.call
          rescue ::Exception => e
            Kiln.log_error("kiln: wait_until block failed: #{Kiln.format_exception(e)}")
          end
        end
        nil
      end
    end
  end

  # `self` inside schedule / consume_queue blocks.
  # (Its helper modules are included in sinatra/helpers.rb.)
  class EventContext
    def settings; Kiln.app; end
    def wait_until(&block) block.call end
  end

  ScheduledEvent = Struct.new(:cron, :scheduled_time_ms) do
    def scheduled_time
      Time.at(scheduled_time_ms.to_i / 1000)
    end
  end

  class QueueMessage
    attr_reader :id, :body, :attempts, :timestamp

    def initialize(data, batch)
      @id = data['id']
      @body = data['body']
      @attempts = data['attempts']
      @timestamp = data['timestamp']
      @batch = batch
    end

    def ack; @batch.decide(@id, 'ack', nil); end
    def retry(delay_seconds: nil) @batch.decide(@id, 'retry', delay_seconds) end
  end

  class QueueBatch
    attr_reader :queue, :messages

    def initialize(queue, messages)
      @queue = queue
      @messages = messages.map { |m| QueueMessage.new(m, self) }
      @decisions = {}
      @all = nil
    end

    def ack_all; @all = ['ack', nil]; end
    def retry_all(delay_seconds: nil) @all = ['retry', delay_seconds] end
    def decide(id, what, delay) @decisions[id] = [what, delay] end

    # What JS applies to the batch: explicit per-message decisions, then the
    # batch-wide one. Messages with neither are acked (the handler returned).
    def outcome
      { 'messages' => @decisions.map { |id, (what, delay)| [id, what, delay] }, 'all' => @all }
    end
  end

  class Base
    class << self
      # schedule '*/5 * * * *' do |event| ... end (needs [triggers] crons)
      def schedule(cron, &block)
        raise ArgumentError, 'schedule needs a block' unless block
        Events::SCHEDULES << [cron.to_s, block]
      end

      # consume_queue 'jobs' do |batch| ... end (needs [[queues.consumers]])
      def consume_queue(queue, &block)
        raise ArgumentError, 'consume_queue needs a block' unless block
        Events::CONSUMERS[queue.to_s] = block
      end
    end
  end

  module Events::Helpers  # included in sinatra/helpers.rb
    # Runs the block after the response has been sent (ctx.waitUntil).
    def wait_until(&block)
      raise ArgumentError, 'wait_until needs a block' unless block
      (env['kiln.background'] ||= []) << block
      nil
    end
  end
end
