// iReal Pro links (irealb:// and irealbook://, a tune or a playlist) read into tunes whose changes
// generate::Progression reads: title, composer, style, key, meter, and the form played through.
//
// The format is public only by reverse engineering. What we read and what we refuse:
//   irealb://    songs "Title=Composer==Style=Key=Transpose=1r34LbKcu7MUSIC=Groove=Tempo=Repeats"
//                joined by "===", the playlist's name last. MUSIC is scrambled in 50-character
//                blocks and abbreviated (Kcl, LZ, XyQ); both are undone.
//   irealbook:// songs "Title=Composer=Style=Key=n=MUSIC" (plain), one after another or joined
//                by "===".
// The chart (see IRealChart.h): T44.. time signatures, *A section marks, | [ ] { } Z bar lines,
// N1 N2 N3 endings, x and r (repeat one or two bars), n (N.C.), p (slash), W (the chord before
// over a new bass), S segno, Q coda, <comments> with D.C./D.S. al Coda/al Fine, Fine and "3x",
// U (end), f s l Y , (layout), (alternate chords: ignored). Refused with the reason: an unknown
// character or custom chord quality (*...*), a time signature change inside a tune, a D.S.
// without a segno, an "al Coda" without a coda, a form longer than kMaxIRealBars bars.
#pragma once

#include "generate/Progression.h"

#include <string>
#include <vector>

namespace jazz::chart {

struct IRealTune {
    std::string title, composer, style, key; // key as iReal writes it: "Eb", "C-" (minor)
    int timeNumerator = 4, timeDenominator = 4;
    double beatsPerBar = 4;        // quarter notes
    std::vector<std::string> bars; // per played bar: "Dm7 G7"

    std::string chordText() const; // "| Dm7 G7 | Cmaj7 |", what Progression::parse reads
    generate::Progression progression() const;
};

struct IRealPlaylist {
    std::string name; // empty for a single tune
    std::vector<IRealTune> tunes;
};

// True when `text` (spaces around it allowed) is an irealb:// or irealbook:// link.
bool isIRealLink(const std::string& text);

// Throws jazz::Error naming the tune and the reason it is refused.
IRealPlaylist decodeIRealLink(const std::string& link);

// The tune `spec` names: a number from 1, or a title (case ignored). A playlist of one tune
// needs no spec. Throws jazz::Error listing the tunes otherwise.
const IRealTune& pickIRealTune(const IRealPlaylist& playlist, const std::string& spec);

// The music field after "1r34LbKcu7" made readable: each 50-character block followed by at
// least two more characters has positions 0-4 and 10-23 mirrored (49-i), then the
// abbreviations Kcl, LZ and XyQ are written out ("| x", " |", three spaces).
std::string unscrambleIRealMusic(const std::string& music);

} // namespace jazz::chart
