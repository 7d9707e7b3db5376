require 'test_helper'

# The test DSL reaching the app's background work and outbound HTTP.
class BackgroundTest < Kiln::Test
  def test_drain_queues_runs_the_consumer
    post '/jobs', n: 7
    assert_nil KV.get('job:7')
    report = drain_queues
    assert_equal 1, report['fixture-jobs']['acked']
    assert_equal 'done', KV.get('job:7')
  end

  def test_run_cron_runs_the_schedule_block
    assert_equal 1, run_cron('*/5 * * * *')
    assert_equal 'ran', KV.get('cron')
  end

  def test_run_alarms_fires_alarms_set_for_later
    get '/reminder'
    refute REMINDER.get_by_name('r').call(:rang?)
    assert_equal 1, run_alarms
    assert REMINDER.get_by_name('r').call(:rang?)
  end

  def test_stub_fetch_answers_and_records
    stub_fetch 'https://api.weather.test/today*', body: '{"sky":"clear"}', headers: { 'content-type' => 'application/json' }
    get '/weather'
    assert_equal '200 clear', last_response.body
    request = fetch_requests.last
    assert_equal ['GET', 'https://api.weather.test/today?city=paris'], [request.method, request.url]
    assert_equal 'application/json', request.headers['accept']
  end

  def test_stub_fetch_by_regexp_newest_wins
    stub_fetch(/weather\.test/, status: 503, body: '{"sky":"?"}')
    stub_fetch(%r{\Ahttps://api\.weather\.test/today}, body: '{"sky":"rain"}')
    get '/weather'
    assert_equal '200 rain', last_response.body
  end

  def test_an_unstubbed_fetch_raises
    e = assert_raises(Kiln::JSError) { get '/weather' }
    assert_match 'no stub for GET https://api.weather.test/today?city=paris', e.message
    assert_equal 1, fetch_requests.size
  end

  def test_stubs_do_not_outlive_their_test
    assert_empty fetch_requests
    assert_raises(Kiln::JSError) { Kiln::HTTP.fetch('https://api.weather.test/today') }
  end
end
