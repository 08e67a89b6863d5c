#include "generate/Progression.h"

#include "Error.h"
#include "generate/KeySpelling.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace jazz::generate {

namespace {

// ii-V-I is offered in every key: "ii-v-i-c", "ii-v-i-bb", "ii-v-i-f#".
const std::map<std::string, std::string>& fixedPresets() {
    static const std::map<std::string, std::string> p = {
        {"blues-f", "| F7 | Bb7 | F7 | F7 | Bb7 | Bb7 | F7 | D7 | Gm7 | C7 | F7 D7 | Gm7 C7 |"},
        {"blues-bb", "| Bb7 | Eb7 | Bb7 | Bb7 | Eb7 | Eb7 | Bb7 | G7 | Cm7 | F7 | Bb7 G7 | Cm7 F7 |"},
        {"minor-blues", "| Cm7 | Fm7 | Cm7 | Cm7 | Fm7 | Fm7 | Cm7 | Cm7 | Ab7 | G7 | Cm7 | Dm7b5 G7 |"},
        {"rhythm-a", "| Bb6 G7 | Cm7 F7 | Bb6 G7 | Cm7 F7 | Bb7 | Eb6 Edim7 | Bb6/F F7 | Bb6 |"},
    };
    return p;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

std::vector<ChartBar> Progression::splitChart(const std::string& text) {
    std::vector<ChartBar> bars;
    size_t lineStart = 0;
    int line = 0;
    while (lineStart <= text.size()) {
        size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string::npos)
            lineEnd = text.size();
        // Cells between bar lines; "||" (a section's end) is one bar line.
        std::vector<std::pair<size_t, size_t>> cells;
        size_t cellStart = lineStart;
        for (size_t i = lineStart; i <= lineEnd; ++i) {
            if (i < lineEnd && text[i] != '|')
                continue;
            cells.push_back({cellStart, i});
            while (i + 1 < lineEnd && text[i + 1] == '|')
                ++i;
            cellStart = i + 1;
        }
        auto blank = [&](const std::pair<size_t, size_t>& c) {
            return text.find_first_not_of(" \t\r", c.first) >= c.second;
        };
        // Outer bar lines are optional: a blank cell before the first or after the last one
        // is no bar.
        if (!cells.empty() && blank(cells.front()))
            cells.erase(cells.begin());
        if (!cells.empty() && blank(cells.back()))
            cells.pop_back();
        for (const auto& [b, e] : cells) {
            ChartBar bar;
            bar.line = line;
            bar.begin = b;
            bar.end = e;
            std::istringstream in(text.substr(b, e - b));
            for (std::string sym; in >> sym;)
                bar.symbols.push_back(sym);
            bars.push_back(bar);
        }
        lineStart = lineEnd + 1;
        ++line;
    }
    return bars;
}

Progression Progression::parse(const std::string& text, double beatsPerBar) {
    Progression p;
    p.beatsPerBar = beatsPerBar;
    const std::vector<ChartBar> bars = splitChart(text);
    if (bars.empty() ||
        std::all_of(bars.begin(), bars.end(), [](const ChartBar& b) { return b.symbols.empty(); }))
        throw Error("chord progression '" + text + "': no chords");
    for (size_t b = 0; b < bars.size(); ++b) {
        const auto& symbols = bars[b].symbols;
        const bool repeat = symbols.size() == 1 && symbols[0] == "%";
        if (repeat || symbols.empty()) {
            if (p.bars.empty())
                throw Error(repeat
                                ? "chord progression: bar 1 repeats ('%') a bar that does not exist"
                                : "chord progression: bar 1 is empty; write its chord (or N.C.)");
            p.bars.push_back(p.bars.back());
            continue;
        }
        std::vector<BarChord> bar;
        const double each = beatsPerBar / double(symbols.size());
        for (size_t i = 0; i < symbols.size(); ++i) {
            std::string error;
            const auto c = theory::ChordSymbol::tryParse(symbols[i], &error);
            if (!c)
                throw Error("chord progression, bar " + std::to_string(b + 1) + ": " + error);
            if (c->isNoChord())
                continue;
            bar.push_back({each * double(i), c->voicing(3), c->toString()});
        }
        p.bars.push_back(bar);
    }
    return p;
}

std::vector<std::string> Progression::presetNames() {
    std::vector<std::string> names;
    for (const auto& [name, _] : fixedPresets())
        names.push_back(name);
    names.push_back("ii-v-i-KEY (e.g. ii-v-i-c, ii-v-i-bb)");
    return names;
}

std::string Progression::presetText(const std::string& rawName) {
    const std::string name = lower(rawName);
    auto it = fixedPresets().find(name);
    if (it != fixedPresets().end())
        return it->second;
    const std::string prefix = "ii-v-i-";
    if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) {
        std::string key = rawName.substr(prefix.size());
        key[0] = char(std::toupper(static_cast<unsigned char>(key[0])));
        std::string error;
        const auto tonic = theory::ChordSymbol::tryParse(key + "maj7", &error);
        if (tonic && !tonic->isNoChord()) {
            const int pc = tonic->root().pitchClass();
            // Sharp keys (G D A E B F#, or any key spelled with a sharp) spell with sharps.
            const bool sharps = tonic->root().alter() > 0 || pc == 7 || pc == 2 || pc == 9 ||
                                pc == 4 || pc == 11;
            const auto c = theory::ChordSymbol::parse("Cmaj7").transposed(pc, sharps);
            const auto ii = theory::ChordSymbol::parse("Dm7").transposed(pc, sharps);
            const auto v = theory::ChordSymbol::parse("G7").transposed(pc, sharps);
            return "| " + ii.toString() + " | " + v.toString() + " | " + c.toString() + " | " +
                   c.toString() + " |";
        }
    }
    std::string list;
    for (const auto& n : presetNames())
        list += (list.empty() ? "" : ", ") + n;
    throw Error("unknown preset '" + rawName + "'; presets: " + list);
}

Progression Progression::preset(const std::string& name) { return parse(presetText(name)); }

Progression Progression::transposed(int semitones) const {
    Progression p = *this;
    const KeyTransposition move(*this, semitones);
    for (auto& bar : p.bars)
        for (auto& c : bar) {
            for (int& pitch : c.pitches)
                pitch += semitones;
            // Keep voicings in a comping register.
            while (!c.pitches.empty() && *std::min_element(c.pitches.begin(), c.pitches.end()) > 59)
                for (int& pitch : c.pitches)
                    pitch -= 12;
            while (!c.pitches.empty() && *std::min_element(c.pitches.begin(), c.pitches.end()) < 36)
                for (int& pitch : c.pitches)
                    pitch += 12;
            if (!c.symbol.empty())
                c.symbol = move.symbol(c.symbol);
        }
    return p;
}

Progression Progression::repeated(int choruses) const {
    Progression p;
    p.beatsPerBar = beatsPerBar;
    for (int i = 0; i < std::max(1, choruses); ++i)
        p.bars.insert(p.bars.end(), bars.begin(), bars.end());
    return p;
}

} // namespace jazz::generate
