# Workers AI ([ai] binding = "AI"): bindings.AI.run(model, inputs).
# The result is what the model returns, as Ruby data: a Hash for text and
# JSON models ({"response" => "..."}), a binary String for images and audio.
# With `stream: true` (or AI#stream) the result is a Kiln::EventReader of
# the model's Server-Sent Events, each parsed from JSON, read chunk by chunk
# as the model produces them.
module Kiln
  module Bindings
    class AI
      attr_reader :name

      def initialize(name) @name = name end

      # run(model, inputs, gateway: {...}) -> Hash / String / EventReader.
      # A block with stream: true gets each event, as AI#stream.
      def run(model, inputs = {}, options = {}, &block)
        result = Kiln.await(:ai, @name, 'run', model.to_s, inputs, options)
        id = result.is_a?(Hash) && result['kiln.readable']
        return result unless id
        events = EventReader.new(id)
        return events unless block
        events.each(&block)
        nil
      end

      # stream(model, inputs) { |event| ... }: run with stream: true;
      # without a block, the Enumerable EventReader.
      def stream(model, inputs = {}, options = {}, &block)
        run(model, inputs.merge('stream' => true), options, &block)
      end
    end
    KINDS['ai'] = AI
  end
end
