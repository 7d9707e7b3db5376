require 'test_helper'

class AuthTest < Kiln::Test
  include ApiTestHelper

  def test_signup_validates_input
    json_post '/signup', email: 'not-an-email', password: 'short'
    assert_equal 422, last_response.status
    assert_equal({ 'email' => 'is not an email address', 'password' => 'must be at least 8 characters' },
                 last_response.json['errors'])
    assert_equal 0, DB[:users].count
  end

  def test_signup_stores_a_pbkdf2_hash_never_the_password
    json_post '/signup', email: 'Ada@Example.com', password: 'correct horse'
    assert_equal 201, last_response.status
    assert_equal 'ada@example.com', last_response.json['email']
    digest = DB[:users].get(:password_digest)
    assert_match(/\Apbkdf2-sha256\$\d+\$[A-Za-z0-9+\/=]+\$[A-Za-z0-9+\/=]+\z/, digest)
    refute_includes digest, 'correct horse'
    json_post '/signup', email: 'ada@example.com', password: 'another one'
    assert_equal 409, last_response.status
  end

  def test_login_gives_a_token_that_opens_me
    token = login_as
    payload, header = JWT.decode(token, ENV['JWT_SECRET'], true, algorithm: 'HS256')
    assert_equal 'HS256', header['alg']
    assert_equal 'kiln-example-api', payload['iss']
    assert_operator payload['exp'], :>, Time.now.to_i
    get '/me'
    assert_equal 200, last_response.status
    assert_equal 'ada@example.com', last_response.json['email']
  end

  def test_wrong_password_and_unknown_email_are_the_same_401
    json_post '/signup', email: 'ada@example.com', password: 'correct horse'
    json_post '/login', email: 'ada@example.com', password: 'wrong horse'
    assert_equal 401, last_response.status
    wrong = last_response.body
    json_post '/login', email: 'nobody@example.com', password: 'correct horse'
    assert_equal 401, last_response.status
    assert_equal wrong, last_response.body
  end

  def test_routes_need_a_valid_token
    get '/notes'
    assert_equal 401, last_response.status
    assert_equal 'unauthorized', last_response.json['error']
    assert_match(/\ABearer realm=/, last_response['WWW-Authenticate'])
    get '/notes', {}, 'HTTP_AUTHORIZATION' => 'Bearer not.a.token'
    assert_equal 401, last_response.status
    assert_equal 'invalid_token', last_response.json['error']
    forged = JWT.encode({ 'sub' => '1', 'iss' => 'kiln-example-api' }, 'some other secret', 'HS256')
    get '/notes', {}, 'HTTP_AUTHORIZATION' => "Bearer #{forged}"
    assert_equal 401, last_response.status
  end

  def test_broken_json_is_a_400
    post '/login', '{"email":', 'CONTENT_TYPE' => 'application/json'
    assert_equal 400, last_response.status
    assert_match(/invalid JSON/, last_response.json['error'])
  end
end

class NotesTest < Kiln::Test
  include ApiTestHelper

  def test_create_list_show_delete
    login_as
    json_post '/notes', title: 'Groceries', body: 'milk, eggs'
    assert_equal 201, last_response.status
    id = last_response.json['id']
    assert_equal "http://example.org/notes/#{id}", last_response.location
    json_post '/notes', title: 'Ideas'
    get '/notes'
    assert_equal %w[Ideas Groceries], last_response.json.map { |n| n['title'] }
    get '/notes', q: 'groc'
    assert_equal ['Groceries'], last_response.json.map { |n| n['title'] }
    get "/notes/#{id}"
    assert_equal 'milk, eggs', last_response.json['body']
    delete "/notes/#{id}"
    assert_equal 204, last_response.status
    assert_equal 1, DB[:notes].count
  end

  def test_title_is_required
    login_as
    json_post '/notes', title: '  '
    assert_equal 422, last_response.status
    assert_equal({ 'title' => 'is required' }, last_response.json['errors'])
  end

  def test_notes_are_private_to_their_owner
    login_as 'ada@example.com'
    json_post '/notes', title: 'mine'
    id = last_response.json['id']
    login_as 'bob@example.com'
    get "/notes/#{id}"
    assert_equal 404, last_response.status
    get '/notes'
    assert_equal [], last_response.json
  end

  def test_a_title_is_data_not_sql
    login_as
    json_post '/notes', title: "x'); DROP TABLE notes; --"
    get '/notes', q: "%' OR 1=1 --"
    assert_equal [], last_response.json
    assert_equal 1, DB[:notes].count
  end
end

class FilesTest < Kiln::Test
  include ApiTestHelper

  BYTES = (0..255).map(&:chr).join * 4   # every byte value, CR LF and NUL included

  def test_upload_list_download_delete
    login_as
    body, type = multipart('file' => { filename: 'bytes.bin', type: 'application/octet-stream', data: BYTES })
    post '/files', body, 'CONTENT_TYPE' => type
    assert_equal 201, last_response.status, last_response.body
    upload = last_response.json
    assert_equal ['bytes.bin', 'application/octet-stream', 1024], upload.values_at('filename', 'content_type', 'size')
    key = DB[:uploads].get(:key)
    assert_equal BYTES, FILES.get(key).body
    get '/files'
    assert_equal ['bytes.bin'], last_response.json.map { |f| f['filename'] }
    get "/files/#{upload['id']}"
    assert_equal 200, last_response.status
    assert_equal BYTES, last_response.body
    assert_equal 'application/octet-stream', last_response.content_type
    assert_match(/attachment; filename="bytes.bin"/, last_response['Content-Disposition'])
    delete "/files/#{upload['id']}"
    assert_equal 204, last_response.status
    assert_nil FILES.get(key)
  end

  def test_a_file_is_required
    login_as
    body, type = multipart('caption' => 'no file here')
    post '/files', body, 'CONTENT_TYPE' => type
    assert_equal 422, last_response.status
  end

  def test_a_file_over_max_upload_bytes_is_a_413
    login_as
    body, type = multipart('file' => { filename: 'big.bin', data: 'x' * (ENV['MAX_UPLOAD_BYTES'].to_i + 1) })
    post '/files', body, 'CONTENT_TYPE' => type
    assert_equal 413, last_response.status
    assert_equal 0, DB[:uploads].count
  end

  def test_a_malformed_multipart_body_is_a_400
    login_as
    post '/files', "--x\r\nbroken", 'CONTENT_TYPE' => 'multipart/form-data; boundary=x'
    assert_equal 400, last_response.status
  end
end

class EventsTest < Kiln::Test
  include ApiTestHelper

  def test_new_notes_arrive_as_events
    login_as
    json_post '/notes', title: 'first'
    first = last_response.json['id']
    json_post '/notes', title: 'second'
    get '/events', after: first, polls: 1
    assert_equal 200, last_response.status
    assert_match %r{\Atext/event-stream}, last_response.content_type
    events = last_response.body.split("\n\n")
    assert_match(/\Aevent: ready\n/, events[0])
    assert_equal "event: note\nid: #{first + 1}", events[1].lines[0, 2].join.chomp
    assert_equal 'second', JSON.parse(events[1][/^data: (.*)$/, 1])['title']
    assert_match(/\Aevent: end\n/, events[2])
  end

  def test_last_event_id_resumes
    login_as
    json_post '/notes', title: 'seen'
    seen = last_response.json['id']
    get '/events', { polls: 1 }, 'HTTP_LAST_EVENT_ID' => seen.to_s
    refute_includes last_response.body, 'event: note'
  end
end
