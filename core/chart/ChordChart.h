// Chord-chart files: the changes of a melody-only tune written as bar text over several lines,
// read into the one-line form generate::Progression::parse and corpus::ImportOptions take.
//
//   # Blue Bossa (comments start with '#' at a line's start or after a space)
//   | Cm7 | % | Fm7 | % |
//   Dm7b5 | G7 | Cm7 | %
//
// Bars are separated by '|' or by the end of a line (outer bars optional); '%' repeats the bar
// before; chords in a bar split it evenly; N.C. is no chord.
#pragma once

#include <string>

namespace jazz::chart {

// Throws jazz::Error naming `source`, the line and the bad chord symbol.
std::string parseChordChart(const std::string& text, const std::string& source);
std::string readChordChart(const std::string& path);

} // namespace jazz::chart
