# Shared by the tests (require 'test_helper').
require 'minitest/autorun'
require 'rack/test'

module ApiTestHelper
  def json_post(path, data, env = {})
    post path, JSON.generate(data), env.merge('CONTENT_TYPE' => 'application/json')
  end

  # Signs up and logs in; later requests of the test carry the token.
  def login_as(email = 'ada@example.com', password = 'correct horse')
    json_post '/signup', email: email, password: password
    json_post '/login', email: email, password: password
    assert_equal 200, last_response.status, last_response.body
    token = last_response.json['token']
    header 'Authorization', "Bearer #{token}"
    token
  end

  # A multipart/form-data body as a browser sends it (rack-test's
  # UploadedFile is not there yet, so the test builds the bytes).
  def multipart(fields)
    boundary = "----kiln#{SecureRandom.hex(8)}"
    body = ''
    fields.each do |name, value|
      body << "--#{boundary}\r\n"
      if value.is_a?(Hash)
        body << %(Content-Disposition: form-data; name="#{name}"; filename="#{value[:filename]}"\r\n)
        body << "Content-Type: #{value[:type]}\r\n" if value[:type]
        body << "\r\n" << value[:data] << "\r\n"
      else
        body << %(Content-Disposition: form-data; name="#{name}"\r\n\r\n#{value}\r\n)
      end
    end
    body << "--#{boundary}--\r\n"
    [body, "multipart/form-data; boundary=#{boundary}"]
  end
end
