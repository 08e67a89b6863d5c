#include "chart/ChordChart.h"

#include "Error.h"
#include "theory/ChordSymbol.h"

#include <fstream>
#include <sstream>

namespace jazz::chart {

std::string parseChordChart(const std::string& text, const std::string& source) {
    std::istringstream in(text);
    std::string line, bars;
    int lineNo = 0, count = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        // A comment starts with '#' at the line's start or after a space (F#7 is a chord).
        for (size_t i = 0; i < line.size(); ++i)
            if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                line.resize(i);
                break;
            }
        std::string cell;
        std::istringstream cells(line + "|");
        while (std::getline(cells, cell, '|')) {
            std::istringstream words(cell);
            std::string bar;
            for (std::string w; words >> w;) {
                std::string error;
                if (w != "%" && !theory::ChordSymbol::tryParse(w, &error))
                    throw Error(source + ":" + std::to_string(lineNo) + ": " + error);
                if (w == "%" && count == 0)
                    throw Error(source + ":" + std::to_string(lineNo) +
                                ": '%' repeats a bar that does not exist");
                bar += (bar.empty() ? "" : " ") + w;
            }
            if (!bar.empty()) {
                bars += "| " + bar + " ";
                ++count;
            }
        }
    }
    if (!count)
        throw Error(source + ": no chords (write the changes bar by bar: | Dm7 G7 | Cmaj7 |)");
    return bars + "|";
}

std::string readChordChart(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw Error(path + ": cannot open the chord chart");
    std::ostringstream s;
    s << f.rdbuf();
    if (s.str().size() > (1 << 20))
        throw Error(path + ": too large for a chord chart");
    return parseChordChart(s.str(), path);
}

} // namespace jazz::chart
