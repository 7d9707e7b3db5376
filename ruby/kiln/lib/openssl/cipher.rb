# OpenSSL::Cipher for AES-GCM, AES-CBC and AES-CTR over Web Crypto (the
# `crypto` operation, js/worker/crypto.js). Web Crypto is one-shot: #update
# buffers and returns "", #final encrypts or decrypts (and authenticates)
# everything, so `c.update(data) + c.final` gives OpenSSL's result.
module OpenSSL
  class Cipher
    class CipherError < OpenSSLError; end

    # name => [Web Crypto name, key bytes, default IV bytes]
    MODES = {
      'aes-128-gcm' => ['AES-GCM', 16, 12], 'aes-256-gcm' => ['AES-GCM', 32, 12],
      'aes-128-cbc' => ['AES-CBC', 16, 16], 'aes-256-cbc' => ['AES-CBC', 32, 16],
      'aes-128-ctr' => ['AES-CTR', 16, 16], 'aes-256-ctr' => ['AES-CTR', 32, 16],
    }.freeze

    def self.ciphers; MODES.keys; end

    attr_reader :name, :key_len, :iv_len

    def initialize(name)
      @name = name.to_s.downcase
      @algorithm, @key_len, @iv_len = MODES[@name]
      raise RuntimeError, "unsupported cipher algorithm (#{name}); Kiln has #{MODES.keys.join(', ')}" unless @algorithm
      reset_state
    end

    def encrypt; @mode = :encrypt; reset_state; self; end
    def decrypt; @mode = :decrypt; reset_state; self; end

    def key=(key)
      key = key.to_s
      raise ArgumentError, "key must be #{@key_len} bytes" unless key.bytesize == @key_len
      @key = key
    end

    def iv=(iv)
      iv = iv.to_s
      raise ArgumentError, "iv must be #{@iv_len} bytes" unless iv.bytesize == @iv_len
      @iv = iv
    end

    def iv_len=(n)
      raise CipherError, 'only GCM has a variable IV length' unless authenticated?
      raise ArgumentError, 'iv_len must be positive' unless n.is_a?(Integer) && n > 0
      @iv_len = n
    end

    def random_key; self.key = SecureRandom.random_bytes(@key_len); end
    def random_iv; self.iv = SecureRandom.random_bytes(@iv_len); end

    def authenticated?; @algorithm == 'AES-GCM'; end
    def block_size; @algorithm == 'AES-CBC' ? 16 : 1; end

    def auth_data=(data)
      raise CipherError, 'AEAD not supported by this cipher' unless authenticated?
      @auth_data = data.to_s
    end

    def auth_tag_len=(n)
      raise CipherError, 'auth_tag_len is 12 to 16 bytes' unless n.is_a?(Integer) && n >= 12 && n <= 16
      @auth_tag_len = n
    end

    # Decryption: the tag to check (4 to 16 bytes; Web Crypto takes 12 to 16).
    def auth_tag=(tag)
      raise CipherError, 'AEAD not supported by this cipher' unless authenticated?
      @auth_tag = tag.to_s
    end

    # Encryption: the tag, after #final.
    def auth_tag(len = 16)
      raise CipherError, 'retrieving the authentication tag needs a finished encryption' unless @mode == :encrypt && @tag
      @tag.byteslice(0, len)
    end

    def padding=(pad)
      raise CipherError, 'Web Crypto AES-CBC always pads (PKCS#7)' unless pad == 1
    end

    def update(data)
      raise CipherError, 'call encrypt or decrypt first' unless @mode
      @buffer << data.to_s
      ''
    end
    alias << update

    def final
      raise CipherError, 'key not set' unless @key
      raise CipherError, 'iv not set' unless @iv
      params = { 'name' => @algorithm }
      data = @buffer
      case @algorithm
      when 'AES-GCM'
        params['iv'] = @iv
        params['additionalData'] = @auth_data if @auth_data
        tag_len = @mode == :encrypt ? @auth_tag_len || 16 : (@auth_tag || '').bytesize
        raise CipherError, 'auth_tag not set (set it before final when decrypting)' if @mode == :decrypt && tag_len == 0
        raise CipherError, 'auth_tag must be 12 to 16 bytes' unless tag_len >= 12 && tag_len <= 16
        params['tagLength'] = tag_len * 8
        data += @auth_tag if @mode == :decrypt
      when 'AES-CBC' then params['iv'] = @iv
      when 'AES-CTR'
        params['counter'] = @iv
        params['length'] = 128  # the whole block counts, as in OpenSSL
      end
      out = begin
        Kiln.await(:crypto, @mode.to_s, { 'format' => 'raw', 'data' => @key }, params, data)
      rescue Kiln::JSError => e
        raise CipherError, @mode == :decrypt ? 'bad decrypt (wrong key, IV, tag or data)' : e.message
      end
      @buffer = String.new
      if @mode == :encrypt && authenticated?
        @tag = out.byteslice(out.bytesize - tag_len, tag_len)
        out = out.byteslice(0, out.bytesize - tag_len)
      end
      out
    end

    def reset
      @buffer = String.new
      self
    end

    private

    def reset_state
      @buffer = String.new
      @tag = nil
      @auth_data = nil
      @auth_tag = nil
    end
  end
end
