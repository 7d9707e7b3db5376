require 'test_helper'

class AppTest < Minitest::Test
  include Rack::Test::Methods
  include LoginHelper

  def app
    Sinatra::Application
  end

  def setup
    @greeting = 'Hello'
  end

  def test_home_sees_vars_and_test_environment
    get '/'
    assert last_response.ok?
    assert_equal "#{@greeting} from test", last_response.body
    assert_match %r{text/html}, last_response.content_type
    assert_equal 'GET', last_request.request_method
  end

  def test_session_cookie_carries_over_and_follow_redirect
    post '/login', name: 'ada'
    assert last_response.redirect?
    assert_equal 'http://example.org/me', last_response.location
    follow_redirect!
    assert_equal 'You are ada', last_response.body
    assert_equal '/me', last_request.path
    get '/me'
    assert_equal 'You are ada', last_response.body
    post '/logout'
    get '/me'
    assert_equal 401, last_response.status
  end

  def test_a_helper_module_logs_in
    login 'grace'
    assert_includes last_response.body, 'grace'
  end

  def test_kv_through_the_app_and_directly
    assert_nil KV.get('count')
    get '/count'
    get '/count'
    assert_equal '2', last_response.body
    assert_equal '2', KV.get('count')
    KV.put('count', '41')
    get '/count'
    assert_equal '42', last_response.body
  end

  def test_state_is_reset_between_tests
    assert_nil KV.get('count'), 'KV starts empty in every test'
    get '/items'
    assert_equal [], last_response.json
  end

  def test_d1_through_the_app_and_directly
    post '/items', name: 'pear'
    assert_equal 201, last_response.status
    assert_equal({ 'ok' => true }, last_response.json)
    DB.prepare('INSERT INTO items (name) VALUES (?)').bind('apple').run
    get '/items'
    assert_equal %w[apple pear], last_response.json
    assert_equal 2, bindings.DB.prepare('SELECT COUNT(*) AS n FROM items').first[:n]
  end

  def test_query_params_and_headers
    get '/echo', { q: 'a b', tags: %w[x y] }, 'HTTP_USER_AGENT' => 'kiln-test', 'X-Api-Key' => 'k1'
    data = last_response.json
    assert_equal 'q=a b&tags[]=x&tags[]=y', Kiln::Utils.unescape(data['query'])
    assert_equal 'kiln-test', data['agent']
    assert_equal 'k1', data['api_key']
  end

  def test_raw_body_with_content_type
    put '/raw', '{"a":1}', 'CONTENT_TYPE' => 'application/json'
    assert_equal 'application/json: {"a":1}', last_response.body
  end

  def test_wait_until_finishes_before_the_test_goes_on
    get '/later'
    assert_equal 'done', KV.get('later')
  end

  def test_route_errors_raise_in_the_test
    error = assert_raises(ArgumentError) { get '/boom' }
    assert_equal 'kaboom', error.message
    assert_equal 500, last_response.status
  end

  def test_refutations_and_not_found
    get '/nowhere'
    assert last_response.not_found?
    refute last_response.ok?
    refute_equal 200, last_response.status
    refute_nil last_response.body
  end

  def test_halt_with_422
    post '/login'
    assert_equal 422, last_response.status
    assert_equal 'name missing', last_response.body
  end

  def test_durable_object_through_the_app_and_directly
    get '/counter'
    get '/counter'
    assert_equal [2, 2], last_response.json
    assert_equal [3, 3], COUNTER.get_by_name('one').call(:bump)
  end

  def test_durable_object_starts_again_in_the_next_test
    get '/counter'
    assert_equal [1, 1], last_response.json
  end

  def test_r2_through_the_app_and_directly
    put '/files/a.txt', 'hello', 'CONTENT_TYPE' => 'text/plain'
    assert_equal 'hello', FILES.get('a.txt').text
    FILES.put('b.txt', 'from the test')
    get '/files/b.txt'
    assert_equal 'from the test', last_response.body
  end

  def test_r2_objects_are_gone_in_the_next_test
    get '/files/a.txt'
    assert_equal 404, last_response.status
    assert_nil FILES.get('b.txt')
  end

  # Runs after the D1 test above: its rows are gone, and no cookie is left.
  def test_d1_rows_and_cookies_do_not_leak_into_the_next_test
    get '/items'
    assert_equal [], last_response.json
    get '/me'
    assert_equal 401, last_response.status
  end
end

class BlockStyleTest < Kiln::Test
  test 'a block test runs' do
    get '/'
    assert_equal 200, last_response.status
  end

  test 'skip is reported, not failed' do
    skip 'not today'
  end
end
