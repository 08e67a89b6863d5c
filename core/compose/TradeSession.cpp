#include "compose/TradeSession.h"

#include "Error.h"
#include "generate/Arrangement.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace jazz::compose {

namespace {

constexpr double kEarly = 0.125; // a note played this early still belongs to the turn

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

TradeSession::TradeSession(playback::Transport& transport, const model::TrainedModel& model,
                           const generate::Progression& progression, const midi::Song& song,
                           const TradeOptions& options)
    : transport_(transport), progression_(progression), chorus_(progression), song_(song),
      options_(options), improviser_(model, options.generate) {
    if (options_.barsPerTurn < 1)
        throw Error("a turn needs at least one bar");
    if (progression.bars.empty())
        throw Error("no bars to trade");
    result_.progression = progression;
    result_.played = song;
    tile();
}

void TradeSession::tile() {
    // Turns tile the bar line: turn t is bars [t*k, (t+1)*k), the last one cut at the end of
    // what is written (when endless, it grows with the next chorus before it is played).
    const int bars = int(progression_.bars.size()), k = options_.barsPerTurn;
    if (!result_.turns.empty()) {
        TradeTurn& last = result_.turns.back();
        last.bars = std::min(k, bars - last.firstBar);
    }
    for (int t = int(result_.turns.size()); t * k < bars; ++t) {
        TradeTurn turn;
        turn.firstBar = t * k;
        turn.bars = std::min(k, bars - t * k);
        turn.player = (t % 2 == 0) == options_.playerFirst;
        result_.turns.push_back(turn);
    }
}

void TradeSession::appendChorus() {
    const double bpb = progression_.beatsPerBar;
    const double chorusBeats = double(chorus_.bars.size()) * bpb;
    const double shift = double(progression_.bars.size()) * bpb; // chorus 1 to the new one
    std::vector<midi::SongNote> band;
    for (auto& track : result_.played.tracks) {
        if (track.name == generate::kCountInPart)
            continue;
        std::vector<midi::SongNote> added;
        for (const auto& n : track.notes)
            if (n.start >= options_.origin - 1e-9 &&
                n.start < options_.origin + chorusBeats - 1e-9) {
                midi::SongNote m = n;
                m.start += shift;
                added.push_back(m);
            }
        band.insert(band.end(), added.begin(), added.end());
        track.notes.insert(track.notes.end(), added.begin(), added.end());
    }
    progression_.bars.insert(progression_.bars.end(), chorus_.bars.begin(), chorus_.bars.end());
    tile();
    transport_.extendTo(turnEnd(turns() - 1));
    if (!transport_.schedule(band))
        finish("the band's next chorus did not fit the playback queue");
}

TradeSession::~TradeSession() {
    transport_.setErrorHandler(nullptr);
    transport_.stop();
}

double TradeSession::turnStart(int turn) const {
    return options_.origin + result_.turns[size_t(turn)].firstBar * progression_.beatsPerBar;
}

double TradeSession::turnEnd(int turn) const {
    const TradeTurn& t = result_.turns[size_t(turn)];
    return options_.origin + (t.firstBar + t.bars) * progression_.beatsPerBar;
}

bool TradeSession::start(std::string* error) {
    transport_.setErrorHandler([this](const std::string& message) {
        // Any thread (the engine's when the output fails): kept for the next step.
        std::lock_guard<std::mutex> lock(failureMutex_);
        if (failure_.empty())
            failure_ = message;
        failed_ = true;
    });
    if (!transport_.openInput(error) || !transport_.load(song_, error))
        return false;
    transport_.extendTo(turnEnd(turns() - 1));
    // The model starts: its first turn is queued before the band starts.
    if (!result_.turns.front().player)
        answer(0, std::chrono::steady_clock::now());
    transport_.start(0);
    return true;
}

bool TradeSession::step() {
    if (over_)
        return false;
    if (failed_) {
        std::lock_guard<std::mutex> lock(failureMutex_);
        finish(failure_);
        return false;
    }
    if (++polls_ % 25 == 0) // about every 50 ms: is the input (and the output port) still there?
        transport_.poll();
    for (const auto& m : transport_.takeInput())
        heard_.push_back(m);
    const bool playing = transport_.isPlaying();
    const double now = transport_.beatAt(transport_.clock().now());
    if (options_.endless && playing) { // written at least two turns (and a chorus) ahead
        const double bpb = progression_.beatsPerBar;
        const double ahead =
            std::max(2.0 * options_.barsPerTurn, double(chorus_.bars.size())) * bpb;
        while (!over_ && options_.origin + double(progression_.bars.size()) * bpb - now < ahead)
            appendChorus();
    }
    while (next_ < turns() && (!playing || now >= turnEnd(next_) - 1e-9)) {
        if (result_.turns[size_t(next_)].player) {
            const auto begun = std::chrono::steady_clock::now();
            listen(next_);
            if (playing && next_ + 1 < turns() && !result_.turns[size_t(next_ + 1)].player)
                answer(next_ + 1, begun);
        }
        ++next_;
        if (over_)
            return false;
    }
    if (!playing && !failed_) {
        finish({});
        return false;
    }
    return true;
}

void TradeSession::listen(int turn) {
    TradeTurn& t = result_.turns[size_t(turn)];
    const double start = turnStart(turn), end = turnEnd(turn);
    std::vector<playback::BeatMessage> mine;
    for (const auto& m : heard_)
        if (m.beat >= start - kEarly && m.beat < end)
            mine.push_back(m);
    QuantizeOptions q;
    q.beatsPerBar = progression_.beatsPerBar;
    q.origin = start;
    q.bars = t.bars;
    const auto notes = quantize(pairNotes(mine, end), q);
    generate::Progression chords;
    chords.beatsPerBar = progression_.beatsPerBar;
    for (int b = t.firstBar; b < t.firstBar + t.bars; ++b)
        chords.bars.push_back(progression_.bars[size_t(b)]);
    if (chords.bars.front().empty()) // the chord held from before the turn
        for (int b = t.firstBar - 1; b >= 0; --b)
            if (!progression_.bars[size_t(b)].empty()) {
                generate::BarChord held = progression_.bars[size_t(b)].back();
                held.offset = 0;
                chords.bars.front().push_back(held);
                break;
            }
    const auto values = encodeBars(notes, chords);
    try {
        improviser_.prime(progression_, t.firstBar, values,
                          notes.empty() ? -1 : notes.back().pitch);
    } catch (const Error& e) {
        finish(std::string("the player's phrase could not prime the model: ") + e.what());
        return;
    }
    const double shift = start - options_.origin;
    for (int i = 0; i < t.bars; ++i) {
        TradeBar bar;
        bar.bar = t.firstBar + i;
        bar.origin = BarOrigin::Recorded;
        bar.values = values[size_t(i)];
        for (const auto& n : notes)
            bar.notes += int(std::floor(n.start / progression_.beatsPerBar + 1e-9)) == i;
        result_.bars.push_back(bar);
    }
    for (auto n : notes) {
        n.start += shift;
        result_.notes.push_back(n);
    }
    t.notes = int(notes.size());
}

void TradeSession::answer(int turn, std::chrono::steady_clock::time_point begun) {
    TradeTurn& t = result_.turns[size_t(turn)];
    const double bpb = progression_.beatsPerBar;
    std::vector<midi::SongNote> queued;
    for (int b = t.firstBar; b < t.firstBar + t.bars; ++b) {
        const uint32_t seed = generate::Improviser::barSeed(options_.seed, b);
        const generate::ImprovisedBar bar = improviser_.nextBar(progression_, b, seed);
        for (const auto& n : bar.notes) {
            queued.push_back({options_.origin + b * bpb + n.start, n.duration, n.pitch, n.velocity,
                              options_.soloChannel});
            result_.notes.push_back({b * bpb + n.start, n.duration, n.pitch, n.velocity});
        }
        result_.bars.push_back({b, BarOrigin::Generated, seed, bar.values, int(bar.notes.size())});
        t.notes += int(bar.notes.size());
    }
    if (options_.performance) { // as the band plays: swung, shaped, a little human
        perform::PerformOptions how = *options_.performance;
        how.seed = generate::Improviser::barSeed(options_.seed ^ 0x5eed, turn);
        queued = perform::perform(queued, transport_.tempo(), how);
    }
    if (!transport_.schedule(queued)) {
        finish("the answer did not fit the playback queue");
        return;
    }
    t.answerMs = msSince(begun);
    if (transport_.isPlaying()) {
        const auto late = transport_.clock().now() - transport_.timeAt(turnStart(turn));
        t.lateMs = std::max(0.0, std::chrono::duration<double, std::milli>(late).count());
    }
}

void TradeSession::finish(const std::string& error) {
    if (over_)
        return;
    over_ = true;
    result_.error = error;
    result_.progression = progression_;
    transport_.stop();
    std::stable_sort(result_.notes.begin(), result_.notes.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    std::stable_sort(result_.bars.begin(), result_.bars.end(),
                     [](const auto& a, const auto& b) { return a.bar < b.bar; });
}

void TradeSession::stop() {
    finish({});
}

bool TradeSession::run(const std::atomic<bool>* cancel, std::string* error) {
    if (!start(error))
        return false;
    while (step()) {
        if (cancel && cancel->load()) {
            stop();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!result_.error.empty()) {
        *error = result_.error;
        return false;
    }
    return true;
}

midi::File takeFile(const TradeResult& result, const midi::Song& song, double origin) {
    midi::Song s = song;
    std::vector<midi::SongTrack> tracks;
    bool solo = false;
    for (midi::SongTrack t : s.tracks) {
        if (t.name == generate::kCountInPart)
            continue;
        std::vector<midi::SongNote> kept;
        for (auto n : t.notes)
            if (n.start >= origin - 1e-9) {
                n.start -= origin;
                kept.push_back(n);
            }
        t.notes = std::move(kept);
        if (t.name == "Solo") {
            solo = true;
            t.notes.clear();
            for (const auto& n : result.notes)
                t.notes.push_back({n.start, n.duration, n.pitch, n.velocity, t.channel});
        }
        tracks.push_back(std::move(t));
    }
    if (!solo) {
        midi::SongTrack t;
        t.name = "Solo";
        for (const auto& n : result.notes)
            t.notes.push_back({n.start, n.duration, n.pitch, n.velocity, 0});
        tracks.insert(tracks.begin(), std::move(t));
    }
    s.tracks = std::move(tracks);
    midi::File f = midi::fromSong(s);
    for (const TradeBar& b : result.bars) {
        const std::string text =
            "bar " + std::to_string(b.bar + 1) +
            (b.origin == BarOrigin::Recorded ? ": recorded"
                                             : ": generated, seed " + std::to_string(b.seed));
        midi::Event marker;
        marker.tick = std::llround(b.bar * result.progression.beatsPerBar * f.ticksPerQuarter);
        marker.status = 0xFF;
        marker.metaType = 0x06; // Marker
        marker.payload.assign(text.begin(), text.end());
        f.tracks.front().events.push_back(marker);
    }
    std::stable_sort(f.tracks.front().events.begin(), f.tracks.front().events.end(),
                     [](const midi::Event& a, const midi::Event& b) { return a.tick < b.tick; });
    return f;
}

} // namespace jazz::compose
