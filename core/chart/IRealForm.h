// The form of an iReal Pro chart played through once, as a rhythm section reads it: repeats
// (twice, or "3x"), N1 N2 N3 endings, D.C./D.S. taken once (then repeats play once, with their
// last ending), the coda from the first Q to the last (with one Q: from the D.C./D.S. bar),
// Fine and U ending the tune. Used by readIRealChart.
#pragma once

#include <string>
#include <vector>

namespace jazz::chart {

// One bar as written in the chart, before the form is played.
struct WrittenBar {
    std::vector<std::string> slots; // even split of the bar; "" = the chord before holds
    bool repeatStart = false, repeatEnd = false;
    int ending = 0;
    bool segno = false, fine = false, end = false;
    int coda = 0; // 0 none, 1 Q before the bar's first chord, 2 Q after it
    enum Jump { None, DC, DS } jump = None;
    bool alFine = false, alCoda = false;
    int times = 0; // "3x"
};

// Per played bar its chord symbols ("Dm7 G7"), leading holds filled with the chord before.
// Throws jazz::Error naming `tune` for a D.S. without a segno, an "al Coda" without a coda, or
// a form longer than kMaxIRealBars.
std::vector<std::string> playIRealForm(const std::vector<WrittenBar>& bars,
                                       const std::string& tune);

} // namespace jazz::chart
