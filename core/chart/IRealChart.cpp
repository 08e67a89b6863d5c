#include "chart/IRealChart.h"

#include "Error.h"
#include "chart/IRealForm.h"
#include "theory/ChordSymbol.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace jazz::chart {

namespace {

// iReal's chord qualities (its chord editor's list) and the spelling our parser reads. Where we
// have no exact chord the nearest one a soloist would hear: dominants with an altered 5th or
// 13th and an altered 9th become 7alt, suspended dominants 7sus4, and extra tensions on a
// clear chord are dropped (^9#11 -> maj7#11, 13b9 -> 13).
const std::map<std::string, std::string>& qualityTable() {
    static const std::map<std::string, std::string> t = {
        {"", ""},
        {"5", "5"},
        {"2", "add9"},
        {"add9", "add9"},
        {"+", "aug"},
        {"o", "dim"},
        {"h", "m7b5"},
        {"sus", "sus4"},
        {"^", "maj7"},
        {"-", "m"},
        {"^7", "maj7"},
        {"-7", "m7"},
        {"7", "7"},
        {"7sus", "7sus4"},
        {"h7", "m7b5"},
        {"o7", "dim7"},
        {"^9", "maj9"},
        {"^13", "maj13"},
        {"6", "6"},
        {"69", "6/9"},
        {"^7#11", "maj7#11"},
        {"^9#11", "maj7#11"},
        {"^7#5", "aug"},
        {"-6", "m6"},
        {"-69", "m6"},
        {"-^7", "mMaj7"},
        {"-^9", "mMaj7"},
        {"-9", "m9"},
        {"-11", "m11"},
        {"-7b5", "m7b5"},
        {"h9", "m7b5"},
        {"9", "9"},
        {"7b9", "7b9"},
        {"7#9", "7#9"},
        {"7#11", "7#11"},
        {"7b5", "7b5"},
        {"7#5", "7#5"},
        {"9#11", "7#11"},
        {"9b5", "7b5"},
        {"9#5", "7#5"},
        {"7b13", "7b13"},
        {"7#9#5", "7alt"},
        {"7#9b5", "7alt"},
        {"7#9#11", "7#9"},
        {"7b9#11", "7b9"},
        {"7b9b5", "7alt"},
        {"7b9#5", "7alt"},
        {"7b9#9", "7alt"},
        {"7b9b13", "7alt"},
        {"7alt", "7alt"},
        {"13", "13"},
        {"13#11", "13"},
        {"13b9", "13"},
        {"13#9", "13"},
        {"7b9sus", "7sus4"},
        {"7susadd3", "7sus4"},
        {"9sus", "7sus4"},
        {"13sus", "7sus4"},
        {"7b13sus", "7sus4"},
        {"11", "11"},
        // Minor with a raised fifth: re-rooted a major third down (C-b6 = Abmaj7/C).
        {"-b6", "@maj7"},
        {"-#5", "@"},
    };
    return t;
}

struct Reader {
    Reader(const std::string& chart, const std::string& name) : s(chart), tune(name) {}
    const std::string& s;
    const std::string& tune;
    size_t i = 0;
    int num = 0, den = 0;
    std::vector<WrittenBar> bars;
    WrittenBar cur;
    std::vector<std::optional<std::string>> cells; // chords or empty cells of `cur`
    bool repeatBar = false, repeatTwo = false;
    bool afterClose = true; // the bar line before `cur` ended a group: lone spaces are layout
    std::optional<std::vector<std::string>> secondOfTwo; // the bar an 'r' still owes
    std::string lastChord;

    [[noreturn]] void refuse(const std::string& why) const {
        throw Error("iReal Pro tune \"" + tune + "\": " + why);
    }
    std::string at() const { return " at character " + std::to_string(i + 1) + " of its chart"; }

    std::vector<std::string> slotsOf() const {
        const int beats = std::max(1, num ? num : 4);
        const int n = int(cells.size());
        std::vector<int> onset(size_t(beats), -1); // cell index of the chord starting on a beat
        int last = -1;
        for (int c = 0; c < n; ++c) {
            if (!cells[size_t(c)])
                continue;
            int beat = (n == 4 && beats <= 4) ? std::min(c, beats - 1) : c * beats / n;
            if (beat <= last)
                beat = last + 1; // two chords on one beat: the later one moves on
            if (beat >= beats) {
                beat = beats - 1; // no beat left: it replaces the bar's last chord
            }
            onset[size_t(beat)] = c;
            last = beat;
        }
        // The coarsest even split that puts every chord on its beat.
        int parts = beats;
        for (int k = 1; k <= beats; ++k) {
            if (beats % k)
                continue;
            bool fits = true;
            for (int b = 0; b < beats; ++b)
                if (onset[size_t(b)] >= 0 && b % (beats / k))
                    fits = false;
            if (fits) {
                parts = k;
                break;
            }
        }
        std::vector<std::string> slots;
        std::string held;
        for (int k = 0; k < parts; ++k) {
            const int c = onset[size_t(k * (beats / parts))];
            if (c >= 0)
                held = *cells[size_t(c)];
            slots.push_back(held);
        }
        return slots;
    }

    bool hasChord() const {
        return std::any_of(cells.begin(), cells.end(), [](const auto& c) { return bool(c); });
    }

    // Ends `cur` at a bar line; `closer`: the line ends a group (] } Z).
    void close(bool closer) {
        const bool counts = hasChord() || repeatBar || repeatTwo || (!cells.empty() && !afterClose);
        if (counts) {
            if (repeatBar) {
                if (bars.empty())
                    refuse("'x' repeats a bar that does not exist" + at());
                cur.slots = bars.back().slots;
            } else if (repeatTwo) {
                if (bars.size() < 2)
                    refuse("'r' repeats two bars that do not exist" + at());
                cur.slots = bars[bars.size() - 2].slots;
                secondOfTwo = bars.back().slots;
            } else if (secondOfTwo && !hasChord()) {
                cur.slots = *secondOfTwo;
                secondOfTwo.reset();
            } else {
                cur.slots = slotsOf();
                secondOfTwo.reset();
            }
            if (!repeatTwo && cur.slots.empty())
                cur.slots = {""};
            bars.push_back(cur);
            if (bars.size() > size_t(kMaxIRealBars))
                refuse("more than " + std::to_string(kMaxIRealBars) + " written bars");
            cur = WrittenBar();
        } else if (cur.repeatEnd && !bars.empty()) {
            bars.back().repeatEnd = true; // "C7 | }": the repeat closes the bar before
            cur.repeatEnd = false;
        }
        cells.clear();
        repeatBar = repeatTwo = false;
        afterClose = closer;
    }

    void comment() {
        const size_t endAt = s.find('>', i);
        if (endAt == std::string::npos)
            refuse("a comment '<' is never closed" + at());
        std::string c = s.substr(i + 1, endAt - i - 1);
        for (char& ch : c)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        if (c.find("d.c.") != std::string::npos || c.find("d.s.") != std::string::npos) {
            cur.jump = c.find("d.c.") != std::string::npos ? WrittenBar::DC : WrittenBar::DS;
            cur.alFine = c.find("fine") != std::string::npos;
            cur.alCoda = c.find("coda") != std::string::npos;
        } else if (c.find("fine") != std::string::npos) {
            cur.fine = true;
        }
        for (size_t k = 0; k + 1 < c.size(); ++k)
            if (std::isdigit(static_cast<unsigned char>(c[k])) && c[k + 1] == 'x' &&
                (k == 0 || !std::isdigit(static_cast<unsigned char>(c[k - 1]))))
                cur.times = std::max(cur.times, c[k] - '0');
        i = endAt + 1;
    }

    void timeSignature() {
        if (i + 2 >= s.size())
            refuse("a time signature 'T' without its digits" + at());
        const std::string d = s.substr(i + 1, 2);
        static const std::map<std::string, std::pair<int, int>> known = {
            {"44", {4, 4}}, {"34", {3, 4}}, {"24", {2, 4}}, {"54", {5, 4}}, {"64", {6, 4}},
            {"74", {7, 4}}, {"22", {2, 2}}, {"32", {3, 2}}, {"58", {5, 8}}, {"68", {6, 8}},
            {"78", {7, 8}}, {"98", {9, 8}}, {"12", {12, 8}}};
        const auto it = known.find(d);
        if (it == known.end())
            refuse("unknown time signature 'T" + d + "'" + at());
        const auto [n, dd] = it->second;
        if (num && (n != num || dd != den))
            refuse("the time signature changes from " + std::to_string(num) + "/" +
                   std::to_string(den) + " to " + std::to_string(n) + "/" + std::to_string(dd) +
                   " at bar " + std::to_string(bars.size() + 1) +
                   "; a progression here has one meter");
        num = n;
        den = dd;
        i += 3;
    }

    void chord() {
        const size_t start = i;
        std::string root;
        const bool invisible = s[i] == 'W';
        if (!invisible) {
            root = s[i++];
            if (i < s.size() && (s[i] == 'b' || s[i] == '#'))
                root += s[i++];
        } else {
            ++i;
        }
        // The longest iReal quality that follows.
        std::string quality;
        for (const auto& [q, _] : qualityTable())
            if (q.size() > quality.size() && s.compare(i, q.size(), q) == 0)
                quality = q;
        i += quality.size();
        std::string bass;
        if (i + 1 < s.size() && s[i] == '/' && s[i + 1] >= 'A' && s[i + 1] <= 'G') {
            bass = s[i + 1];
            i += 2;
            if (i < s.size() && (s[i] == 'b' || s[i] == '#'))
                bass += s[i++];
        }
        if (i < s.size() && s[i] == '*')
            refuse("custom chord quality in '" + s.substr(start, 12) + "'" + at() +
                   "; only iReal's own qualities are read");
        std::string text;
        if (invisible) {
            if (lastChord.empty())
                refuse("'W' (the chord before, over a new bass) with no chord before it" + at());
            // The chord before without its bass ("6/9" is a quality, not a bass).
            const size_t slash = lastChord.rfind('/');
            const bool bassed = slash != std::string::npos && slash + 1 < lastChord.size() &&
                                lastChord[slash + 1] >= 'A' && lastChord[slash + 1] <= 'G';
            text = bassed ? lastChord.substr(0, slash) : lastChord;
        } else {
            const std::string ours = qualityTable().at(quality);
            if (!ours.empty() && ours[0] == '@') {
                // A minor chord with a raised 5th is a major chord a major third below, over it.
                const auto up = theory::ChordSymbol::parse(root).transposed(8);
                text = up.toString() + ours.substr(1);
                if (bass.empty())
                    bass = root;
            } else {
                text = root + ours;
            }
        }
        if (!bass.empty())
            text += "/" + bass;
        std::string error;
        if (!theory::ChordSymbol::tryParse(text, &error))
            refuse(error + at());
        cells.push_back(text);
        lastChord = text;
    }

    void read() {
        while (i < s.size()) {
            const char c = s[i];
            switch (c) {
            case 'T':
                timeSignature();
                continue;
            case '*':
                i += 2;
                continue; // section mark *A, *B, *V, *i
            case '|':
                close(false);
                break;
            case '[':
                close(false);
                break;
            case '{':
                close(false);
                cur.repeatStart = true;
                break;
            case '}':
                cur.repeatEnd = true;
                close(true);
                break;
            case ']':
                close(true);
                break;
            case 'Z':
                close(true);
                break;
            case 'N':
                if (i + 1 >= s.size() || s[i + 1] < '1' || s[i + 1] > '9')
                    refuse("'N' is not followed by an ending number" + at());
                cur.ending = s[i + 1] - '0';
                i += 2;
                continue;
            case 'x':
                repeatBar = true;
                break;
            case 'r':
                repeatTwo = true;
                break;
            case 'n':
                cells.push_back(std::string("N.C."));
                break;
            case 'p':
                cells.push_back(std::nullopt);
                break; // slash: the chord carries on
            case ' ':
                if (!(afterClose && cells.empty()))
                    cells.push_back(std::nullopt); // a space after ] } Z is layout, not a cell
                break;
            case 'S':
                cur.segno = true;
                break;
            case 'Q':
                cur.coda = hasChord() ? 2 : 1;
                break;
            case 'U':
                cur.end = true;
                break;
            case 'f':
            case 's':
            case 'l':
            case 'Y':
            case ',':
            case '\n':
            case '\r':
            case '\t':
                break; // fermata, small or large chords, vertical space, separators
            case '<':
                comment();
                continue;
            case '(': {
                const size_t e = s.find(')', i);
                if (e == std::string::npos)
                    refuse("an alternate chord '(' is never closed" + at());
                i = e + 1; // alternate chords are a suggestion, not the changes
                continue;
            }
            default:
                if ((c >= 'A' && c <= 'G') || c == 'W') {
                    chord();
                    continue;
                }
                refuse(std::string("unexpected '") + c + "'" + at());
            }
            ++i;
        }
        if (hasChord() || repeatBar || repeatTwo)
            close(true);
        if (secondOfTwo) {
            cur.slots = *secondOfTwo;
            bars.push_back(cur);
        }
        if (bars.empty())
            refuse("the chart has no bars");
    }
};

} // namespace

std::string translateIRealQuality(const std::string& quality, bool* known) {
    const auto it = qualityTable().find(quality);
    *known = it != qualityTable().end() && it->second.rfind('@', 0) != 0;
    return *known ? it->second : std::string();
}

IRealForm readIRealChart(const std::string& chart, const std::string& tune) {
    Reader r(chart, tune);
    r.read();
    IRealForm f;
    f.timeNumerator = r.num ? r.num : 4;
    f.timeDenominator = r.den ? r.den : 4;
    f.beatsPerBar = f.timeNumerator * 4.0 / f.timeDenominator;
    f.bars = playIRealForm(r.bars, tune);
    if (f.bars.empty()) // e.g. nothing but a second ending, which a single pass never takes
        r.refuse("its form plays no bars");
    // An empty bar holds the chord before it (on iReal's page as on a lead sheet); a form that
    // opens on one (a first ending that starts the form bare) has nothing to hold: no chord.
    if (!f.bars.empty() && f.bars.front().find_first_not_of(' ') == std::string::npos)
        f.bars.front() = "N.C.";
    return f;
}

} // namespace jazz::chart
