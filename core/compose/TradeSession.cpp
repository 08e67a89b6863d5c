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
    // Stopped first: the engine's thread may be calling the handler (which captures `this`);
    // then cleared (which waits for a call in flight).
    transport_.stop();
    transport_.setErrorHandler(nullptr);
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
    if (++polls_ % 25 == 0) // about every 50 ms: is the input (and the output port) still there?
        transport_.poll();
    if (failed_) {
        finishFailed();
        return false;
    }
    for (const auto& m : transport_.takeInput())
        heard_.push_back(m);
    // The engine reports a failure before it says it stopped: stopped and not failed is the
    // end played through.
    if (!transport_.isPlaying()) {
        if (failed_)
            finishFailed();
        else
            finish({});
        return false;
    }
    const double now = transport_.beatAt(transport_.clock().now());
    if (options_.endless) { // written at least two turns (and a chorus) ahead
        const double bpb = progression_.beatsPerBar;
        const double ahead =
            std::max(2.0 * options_.barsPerTurn, double(chorus_.bars.size())) * bpb;
        while (!over_ && options_.origin + double(progression_.bars.size()) * bpb - now < ahead)
            appendChorus();
    }
    // The player's turn closes a little early: the answer is queued before its downbeat.
    const double lead = leadBeats();
    while (!over_ && primed_ < turns() && now >= turnEnd(primed_) - lead - 1e-9) {
        const int t = primed_++;
        if (result_.turns[size_t(t)].player && t + 1 < turns() &&
            !result_.turns[size_t(t + 1)].player) {
            const auto begun = std::chrono::steady_clock::now();
            if (prime(t))
                answer(t + 1, begun);
        }
    }
    // At its end, the player's turn as played goes into the take.
    while (!over_ && next_ < turns() && now >= turnEnd(next_) - 1e-9) {
        if (result_.turns[size_t(next_)].player)
            record(next_, turnEnd(next_));
        ++next_;
    }
    return !over_;
}

double TradeSession::leadBeats() const {
    const double tempo = transport_.tempo() > 0 ? transport_.tempo() : 120;
    return std::clamp(options_.answerLeadMs * tempo / 60000, 0.0, 0.5);
}

TradeSession::Reading TradeSession::read(int turn, double until) const {
    const TradeTurn& t = result_.turns[size_t(turn)];
    const double start = turnStart(turn), bpb = progression_.beatsPerBar;
    Reading r;
    r.bars = std::clamp(int(std::ceil((until - start) / bpb - 1e-6)), 0, t.bars);
    if (r.bars == 0)
        return r;
    std::vector<playback::BeatMessage> mine;
    for (const auto& m : heard_)
        if (m.beat >= start - kEarly && m.beat < until)
            mine.push_back(m);
    QuantizeOptions q;
    q.beatsPerBar = bpb;
    q.origin = start;
    q.bars = r.bars;
    r.notes = quantize(pairNotes(mine, until), q);
    generate::Progression chords;
    chords.beatsPerBar = bpb;
    for (int b = t.firstBar; b < t.firstBar + r.bars; ++b)
        chords.bars.push_back(progression_.bars[size_t(b)]);
    if (chords.bars.front().empty()) // the chord held from before the turn
        for (int b = t.firstBar - 1; b >= 0; --b)
            if (!progression_.bars[size_t(b)].empty()) {
                generate::BarChord held = progression_.bars[size_t(b)].back();
                held.offset = 0;
                chords.bars.front().push_back(held);
                break;
            }
    r.values = encodeBars(r.notes, chords);
    return r;
}

bool TradeSession::prime(int turn) {
    const TradeTurn& t = result_.turns[size_t(turn)];
    // What was heard so far, read as the whole turn: a note still held is held to its end; one
    // begun in the last moment (the lead) is not heard yet: it reaches the take, not the answer.
    const Reading r = read(turn, turnEnd(turn));
    try {
        improviser_.prime(progression_, t.firstBar, r.values,
                          r.notes.empty() ? -1 : r.notes.back().pitch);
    } catch (const Error& e) {
        finish(std::string("the player's phrase could not prime the model: ") + e.what());
        return false;
    }
    return true;
}

void TradeSession::record(int turn, double until) {
    TradeTurn& t = result_.turns[size_t(turn)];
    const Reading r = read(turn, until);
    const double shift = turnStart(turn) - options_.origin;
    for (int i = 0; i < r.bars; ++i) {
        TradeBar bar;
        bar.bar = t.firstBar + i;
        bar.origin = BarOrigin::Recorded;
        bar.values = r.values[size_t(i)];
        for (const auto& n : r.notes)
            bar.notes += int(std::floor(n.start / progression_.beatsPerBar + 1e-9)) == i;
        result_.bars.push_back(bar);
    }
    for (auto n : r.notes) {
        n.start += shift;
        result_.notes.push_back(n);
    }
    t.notes = int(r.notes.size());
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
    // Where it stopped: now while it plays (stopped by hand, or a device failed), else where the
    // engine ended (the end when played through, the last message sent when the output failed).
    for (const auto& m : transport_.takeInput())
        heard_.push_back(m);
    const double stopBeat = transport_.isPlaying() ? transport_.beatAt(transport_.clock().now())
                                                   : transport_.position();
    transport_.stop();
    // The turns begun by then: the player's read up to there (its phrase so far is the take's).
    for (; next_ < turns() && turnStart(next_) < stopBeat - 1e-6; ++next_)
        if (result_.turns[size_t(next_)].player)
            record(next_, std::min(turnEnd(next_), stopBeat));
    trim(stopBeat);
    result_.progression = progression_;
    std::stable_sort(result_.notes.begin(), result_.notes.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    std::stable_sort(result_.bars.begin(), result_.bars.end(),
                     [](const auto& a, const auto& b) { return a.bar < b.bar; });
}

void TradeSession::finishFailed() {
    std::string why;
    {
        std::lock_guard<std::mutex> lock(failureMutex_);
        why = failure_;
    }
    finish(why.empty() ? std::string("a device failed") : why);
}

void TradeSession::trim(double stopBeat) {
    // Nothing after the stop is the take's: the turns, bars and notes queued ahead (an answer,
    // the band's next chorus) are cut there, and a note sounding then ends there.
    const double bpb = progression_.beatsPerBar;
    const double end = stopBeat - options_.origin; // from bar 1
    const int barsBegun =
        std::clamp(int(std::ceil(end / bpb - 1e-6)), 0, int(progression_.bars.size()));
    if (barsBegun >= int(progression_.bars.size()) && end >= barsBegun * bpb - 1e-6)
        return; // played through
    auto& turnsOf = result_.turns;
    while (!turnsOf.empty() && turnsOf.back().firstBar >= barsBegun)
        turnsOf.pop_back();
    if (!turnsOf.empty())
        turnsOf.back().bars = std::min(turnsOf.back().bars, barsBegun - turnsOf.back().firstBar);
    std::erase_if(result_.bars, [&](const TradeBar& b) { return b.bar >= barsBegun; });
    std::erase_if(result_.notes, [&](const auto& n) { return n.start >= end - 1e-6; });
    for (auto& n : result_.notes)
        n.duration = std::min(n.duration, end - n.start);
    // The counts of the turn and the bar it stopped in.
    auto count = [&](double from, double to) {
        return int(std::count_if(result_.notes.begin(), result_.notes.end(), [&](const auto& n) {
            return n.start >= from - 1e-6 && n.start < to - 1e-6;
        }));
    };
    if (!turnsOf.empty()) {
        TradeTurn& t = turnsOf.back();
        t.notes = count(t.firstBar * bpb, (t.firstBar + t.bars) * bpb);
    }
    for (TradeBar& b : result_.bars)
        if (b.bar == barsBegun - 1)
            b.notes = count(b.bar * bpb, (b.bar + 1) * bpb);
    for (auto& track : result_.played.tracks) {
        std::erase_if(track.notes,
                      [&](const midi::SongNote& n) { return n.start >= stopBeat - 1e-6; });
        for (auto& n : track.notes)
            n.duration = std::min(n.duration, stopBeat - n.start);
    }
    progression_.bars.resize(size_t(barsBegun));
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
