# Tests for {{name}}: `npx kiln test` runs every test/*_test.rb against the
# app offline, with KV emulated on SQLite and emptied before each test.
class AppTest < Kiln::Test
  def test_home_page
    get '/'
    assert last_response.ok?
    assert_includes last_response.body, '<h1>{{name}}</h1>'
  end

  def test_saving_a_note_redirects_with_a_flash
    post '/notes', text: 'Buy <milk>'
    assert last_response.redirect?
    follow_redirect!
    assert_includes last_response.body, 'Saved: Buy &lt;milk&gt;'   # HTML-escaped by h
    assert_equal ['Buy <milk>'], JSON.parse(KV.get('notes'))
    get '/'
    refute_includes last_response.body, 'Saved:', 'the flash shows once'
  end

  def test_an_empty_note_is_refused
    post '/notes', text: '  '
    assert_equal 422, last_response.status
  end

  def test_visits_counts_in_kv
    get '/visits'
    get '/visits'
    assert_equal 'Visits: 2', last_response.body
    assert_equal '2', KV.get('visits')
  end
end
