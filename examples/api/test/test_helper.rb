# Shared by the tests (require 'test_helper').
require 'minitest/autorun'
require 'rack/test'

module ApiTestHelper
  # `kiln test` starts every test with an empty emulated D1 and does not apply
  # migrations yet, so the tests create the tables themselves, from the SQL
  # `kiln db migrate` wrote to migrations/ (kept in step by
  # tests/js/example-api.test.mjs, which compares the two).
  SCHEMA = [
    "CREATE TABLE `users` (\n  `id` integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n  `email` varchar(255) NOT NULL UNIQUE,\n  `password_digest` varchar(255) NOT NULL,\n  `created_at` timestamp DEFAULT CURRENT_TIMESTAMP\n)",
    "CREATE TABLE `notes` (\n  `id` integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n  `user_id` integer NOT NULL REFERENCES `users` ON DELETE CASCADE,\n  `title` varchar(255) NOT NULL,\n  `body` text,\n  `created_at` timestamp DEFAULT CURRENT_TIMESTAMP\n)",
    "CREATE INDEX `notes_user_id_index` ON `notes` (`user_id`)",
    "CREATE TABLE `uploads` (\n  `id` integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n  `user_id` integer NOT NULL REFERENCES `users` ON DELETE CASCADE,\n  `key` varchar(255) NOT NULL UNIQUE,\n  `filename` varchar(255) NOT NULL,\n  `content_type` varchar(255),\n  `size` integer NOT NULL,\n  `created_at` timestamp DEFAULT CURRENT_TIMESTAMP\n)",
    "CREATE INDEX `uploads_user_id_index` ON `uploads` (`user_id`)",
  ].freeze

  def setup
    SCHEMA.each { |sql| DB.prepare(sql).run }
  end

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
