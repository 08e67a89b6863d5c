// A phrase recorded in the studio (or a trade) made part of a take: what came in on the input
// (placed on beats by the transport) read onto the grid (Quantize), and the bars it covers replaced
// by it, each marked recorded with its values encoded, so the model can be primed with it
// ("continue my idea") as with any other bar.
#pragma once

#include "compose/Quantize.h"
#include "compose/TradeSession.h"
#include "generate/Generator.h"
#include "playback/Transport.h"

#include <vector>

namespace jazz::compose {

struct RecordingSpan {
    double origin = 0;      // the beat of the played song where bar `firstBar` starts
    int firstBar = 0;       // 0-based, into the take
    int bars = 1;           // the bars that could be played in (to the end of the take)
    double beatsPerBar = 4; // the take's meter
};

// What was played, quantized (triplets kept, one line), with starts from the take's start.
// `until`: the beat where recording stopped (a note still held ends there).
std::vector<generate::SoloNote> readRecording(const std::vector<playback::BeatMessage>& messages,
                                              double until, const RecordingSpan& span);

// The take with bars first..last (0-based, inclusive) replaced by `notes` (from the take's
// start; those outside the bars are ignored): notes starting in those bars are dropped, a note
// from before that sounds into bar `first` is cut at its bar line, and each bar's record becomes
// recorded (seed 0, values encoded from the notes now there, its lock kept). Other bars keep
// their notes and records.
generate::Solo withRecording(const generate::Solo& take,
                             const std::vector<generate::SoloNote>& notes, int first, int last);

// The take's first `bars` bars: their chords, records and notes (a note cut at the new end).
generate::Solo firstBars(const generate::Solo& take, int bars);

// The bars a trade closed: up to the last bar played or answered (0: none).
int tradedBars(const TradeResult& result);

// A trade as a take's solo: its first tradedBars() bars, the player's marked recorded and the
// model's generated with their seeds (a bar neither closed is read from its notes, unknown).
generate::Solo tradeSolo(const TradeResult& result);

} // namespace jazz::compose
