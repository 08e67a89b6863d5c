// Trading bars with a live player: the band plays the progression (looped by chorus) through
// the transport; in the player's turns the session listens on the MIDI input. A little before
// the end of each of them (answerLeadMs) it reads what was played so far (Quantize), primes the
// model with it and queues the answer into the playing engine, so that the answer is waiting
// when its downbeat comes. At the turn's end the whole turn is read again for the take: a note
// played in the last moment reaches the take, not the answer. The whole exchange becomes a
// take: the player's bars marked recorded, the model's generated. Stopped early, the take ends
// where it stopped (the player's phrase up to there, the answer and the band cut there).
//
// One control thread drives it (step() every few milliseconds, or run()); the model's answer is
// computed there, between steps, while the engine keeps time on its own thread.
#pragma once

#include "compose/Quantize.h"
#include "generate/Improviser.h"
#include "generate/Progression.h"
#include "midi/Song.h"
#include "perform/Performance.h"
#include "playback/Transport.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace jazz::compose {

struct TradeOptions {
    int barsPerTurn = 4;     // 2, 4 or 8
    bool playerFirst = true; // who plays the first turn
    uint32_t seed = 0;       // bar b of the model's is played from Improviser::barSeed(seed, b)
    generate::GenerateOptions generate;
    double origin = 0;   // the beat of the song where bar 1 starts (after a count-in)
    int soloChannel = 0; // where the model's answers play (the song's "Solo" track)
    // Loop by chorus until stop(): the progression and the song hold one chorus, and the band's
    // next chorus is queued into the playing engine (with the bars it needs) while the one
    // before plays, always at least two turns ahead.
    bool endless = false;
    // How the answers are played (swing, dynamics, timing: perform::perform at the transport's
    // tempo, the seed per turn); none: on the grid as generated. The take keeps them on the grid.
    std::optional<perform::PerformOptions> performance;
    // How long before the end of the player's turn the model starts answering, so that its
    // answer is queued before the downbeat (`bench trade` times an answer); at most half a
    // beat, so that what the player plays on the last beat still primes it.
    double answerLeadMs = 100;
};

// Where a bar of the take came from.
enum class BarOrigin { Recorded, Generated };

struct TradeBar {
    int bar = 0; // 0-based, into the progression
    BarOrigin origin = BarOrigin::Recorded;
    uint32_t seed = 0;               // generated bars: the seed that made it
    std::vector<std::string> values; // the grammar's values (recorded: as encoded)
    int notes = 0;
};

struct TradeTurn {
    int firstBar = 0, bars = 0;
    bool player = true;
    int notes = 0;
    // The model's turns: how long the answer took to compute (quantize, prime, generate, queue),
    // and how late it was ready against its downbeat (0 when ready before it).
    double answerMs = 0;
    double lateMs = 0;
};

struct TradeResult {
    generate::Progression progression;
    std::vector<generate::SoloNote> notes; // the whole exchange, from bar 1's start, on the grid
    std::vector<TradeBar> bars;
    std::vector<TradeTurn> turns;
    std::string error; // why it stopped early (a device failed); empty when it played through
    midi::Song played; // what the band played (count-in included, every chorus written out)
};

class TradeSession {
public:
    // `transport` has its output and input chosen (not yet opened is fine) and must outlive the
    // session; `song` is what the band plays, bar 1 at options.origin, over `progression` (every
    // chorus written out, or one chorus with options.endless).
    TradeSession(playback::Transport& transport, const model::TrainedModel& model,
                 const generate::Progression& progression, const midi::Song& song,
                 const TradeOptions& options);
    ~TradeSession();

    // Opens the devices, answers first when the model starts, and plays. False with *error
    // (nothing plays) when a device cannot open.
    bool start(std::string* error);
    // One look at the input and the clock: collects what was played, answers a finished turn.
    // False once it is over (played through, stopped, or a device failed: result().error).
    bool step();
    void stop();
    // start(), then step() every 2 ms until over or `cancel`. False when it stopped on an error.
    bool run(const std::atomic<bool>* cancel, std::string* error);
    const TradeResult& result() const { return result_; }
    int turns() const { return int(result_.turns.size()); }
    // Turns played through (and read, or answered); after stop(), also the one it stopped in.
    int closedTurns() const { return next_; }

private:
    // The model's turn: generate, queue (`begun`: when the turn before was read, for latency).
    void answer(int turn, std::chrono::steady_clock::time_point begun);
    // What the player played in `turn` up to `until` (a beat), quantized into the bars begun by
    // then, and its values per bar.
    struct Reading {
        std::vector<generate::SoloNote> notes; // from the turn's start
        std::vector<std::vector<std::string>> values;
        int bars = 0;
    };
    Reading read(int turn, double until) const;
    bool prime(int turn);                // the player's turn closes: prime with it
    void record(int turn, double until); // the player's turn into the take
    void trim(double stopBeat);          // the take ends where it stopped
    void tile();                         // the turns over the bars written so far
    void appendChorus();                 // endless: the band's next chorus, queued
    double turnStart(int turn) const;
    double turnEnd(int turn) const;
    void finish(const std::string& error);
    void finishFailed();
    double leadBeats() const;

    playback::Transport& transport_;
    generate::Progression progression_; // grows by chorus when endless
    const generate::Progression chorus_;
    const midi::Song song_;
    TradeOptions options_;
    generate::Improviser improviser_;
    std::vector<playback::BeatMessage> heard_;
    int next_ = 0;   // the next turn to close (the player's: recorded into the take)
    int primed_ = 0; // the next turn to close early (the player's: answered)
    bool over_ = false;
    int polls_ = 0;
    std::mutex failureMutex_;
    std::string failure_; // from the transport's error handler (any thread)
    std::atomic<bool> failed_{false};
    TradeResult result_;
};

// The exchange as a MIDI file's song: the take's notes as the "Solo" track over `song`'s other
// tracks, moved back by `origin` beats (no count-in), and a marker at each bar saying where it
// came from ("bar 5: generated, seed 123").
midi::File takeFile(const TradeResult& result, const midi::Song& song, double origin);

} // namespace jazz::compose
