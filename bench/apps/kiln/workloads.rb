# Pure-Ruby CPU workloads, shared by the Kiln bench app (wasm) and
# bench/native_mruby.cpp (native mruby): the very same bytecode runs in both.
# Each returns a small checksum so the two runs can be checked to agree.
module Workloads
  def self.fib(n)
    n < 2 ? n : fib(n - 1) + fib(n - 2)
  end

  # Strings, arrays and hashes the way a web app churns them: build words,
  # transform, join/split, count in a hash, sort.
  def self.strings(rounds = 40)
    check = 0
    rounds.times do |r|
      words = (0...400).map { |i| "word#{(i * 7 + r) % 97}" }
      text = words.map(&:upcase).join(' ')
      counts = {}
      text.split(' ').each { |w| counts[w] = (counts[w] || 0) + 1 }
      top = counts.sort_by { |w, c| [-c, w] }.first(10)
      check += top.map { |w, c| w.size * c }.reduce(0) { |a, b| a + b } + text.size
    end
    check
  end

  # Hash -> JSON-like string -> hash, by hand (no JSON library is assumed).
  def self.roundtrip(rounds = 40)
    data = users(20)
    check = 0
    rounds.times do
      text = to_json(data)
      back = parse(text)
      raise 'round trip mismatch' unless back == data
      check += text.size
    end
    check
  end

  # The ~2 KB document the JSON route serves.
  def self.users(n = 20)
    (0...n).map do |i|
      { 'id' => i, 'name' => "user-#{i}", 'email' => "user#{i}@example.com",
        'active' => i % 2 == 0, 'score' => i * 37 % 101, 'tags' => ['alpha', "t#{i % 5}"] }
    end
  end

  def self.to_json(v)
    case v
    when Hash then '{' + v.map { |k, x| "#{k.to_s.inspect}:#{to_json(x)}" }.join(',') + '}'
    when Array then '[' + v.map { |x| to_json(x) }.join(',') + ']'
    when String then v.inspect  # same escapes as JSON for the ASCII used here
    when nil then 'null'
    else v.to_s
    end
  end

  # Parses what to_json writes (objects, arrays, plain strings, integers,
  # true/false/null). Returns the value.
  def self.parse(text)
    value, pos = parse_value(text, 0)
    raise ArgumentError, "trailing data at #{pos}" unless pos == text.size
    value
  end

  def self.parse_value(s, i)
    c = s[i]
    if c == '{'
      h = {}
      i += 1
      return [h, i + 1] if s[i] == '}'
      loop do
        k, i = parse_string(s, i)
        v, i = parse_value(s, i + 1)  # skip ':'
        h[k] = v
        c = s[i]
        i += 1
        return [h, i] if c == '}'
      end
    elsif c == '['
      a = []
      i += 1
      return [a, i + 1] if s[i] == ']'
      loop do
        v, i = parse_value(s, i)
        a << v
        c = s[i]
        i += 1
        return [a, i] if c == ']'
      end
    elsif c == '"'
      parse_string(s, i)
    elsif s[i, 4] == 'true' then [true, i + 4]
    elsif s[i, 5] == 'false' then [false, i + 5]
    elsif s[i, 4] == 'null' then [nil, i + 4]
    else
      j = i
      j += 1 while j < s.size && '-0123456789'.include?(s[j])
      raise ArgumentError, "unexpected #{c.inspect} at #{i}" if j == i
      [s[i...j].to_i, j]
    end
  end

  def self.parse_string(s, i)
    j = s.index('"', i + 1)
    [s[i + 1...j], j + 1]
  end

  def self.run(name)
    case name
    when 'fib' then fib(27)
    when 'strings' then strings
    when 'roundtrip' then roundtrip
    else raise ArgumentError, "unknown workload #{name}"
    end
  end
end
