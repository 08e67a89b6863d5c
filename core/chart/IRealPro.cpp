#include "chart/IRealPro.h"

#include "Error.h"
#include "chart/IRealChart.h"

#include <algorithm>
#include <cctype>

namespace jazz::chart {

namespace {

const std::string kMusicPrefix = "1r34LbKcu7";
constexpr size_t kMaxLinkLength = 4 << 20; // Jazz 1460, iReal's largest playlist, is 0.7 MB

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos)
        return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c = char(std::tolower(static_cast<unsigned char>(c)));
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// %XX decoding; a '%' not followed by two hex digits stays as it is.
std::string percentDecode(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
            out += char(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& s, const std::string& by) {
    std::vector<std::string> parts;
    size_t from = 0;
    for (size_t at; (at = s.find(by, from)) != std::string::npos; from = at + by.size())
        parts.push_back(s.substr(from, at - from));
    parts.push_back(s.substr(from));
    return parts;
}

std::string replaceAll(std::string s, const std::string& what, const std::string& with) {
    for (size_t at = 0; (at = s.find(what, at)) != std::string::npos; at += with.size())
        s.replace(at, what.size(), with);
    return s;
}

IRealTune makeTune(const std::string& title, const std::string& composer, const std::string& style,
                   const std::string& key, const std::string& chart) {
    IRealTune t;
    t.title = title;
    t.composer = composer;
    t.style = style;
    t.key = key;
    const IRealForm form = readIRealChart(chart, title);
    t.timeNumerator = form.timeNumerator;
    t.timeDenominator = form.timeDenominator;
    t.beatsPerBar = form.beatsPerBar;
    t.bars = form.bars;
    return t;
}

// irealb://: songs are found by their music field; the other fields sit at fixed places before
// it (splitting on "===" fails where an empty field makes "===" inside a song).
IRealPlaylist decodeProLink(const std::string& body) {
    const std::vector<std::string> f = split(body, "=");
    IRealPlaylist list;
    int lastEnd = -1;
    for (size_t m = 0; m < f.size(); ++m) {
        if (f[m].rfind(kMusicPrefix, 0) != 0)
            continue;
        if (m < 6 || int(m) - 6 <= lastEnd)
            throw Error("iReal Pro link: song " + std::to_string(list.tunes.size() + 1) +
                        " lacks the fields before its chart (Title=Composer==Style=Key=)");
        const std::string& title = f[m - 6];
        const std::string chart = unscrambleIRealMusic(f[m].substr(kMusicPrefix.size()));
        list.tunes.push_back(
            makeTune(title.empty() ? "Untitled" : title, f[m - 5], f[m - 3], f[m - 2], chart));
        lastEnd = int(std::min(m + 3, f.size() - 1));
    }
    if (list.tunes.empty())
        throw Error("iReal Pro link: no song in it (an irealb:// chart starts with " +
                    kMusicPrefix + ")");
    // The playlist's name follows the last song, after the "===" that ends it.
    std::string name;
    for (size_t k = size_t(lastEnd) + 1; k < f.size(); ++k)
        if (!f[k].empty())
            name += (name.empty() ? "" : "=") + f[k];
    list.name = name;
    return list;
}

// irealbook:// (the older, plain form): six fields a song.
IRealPlaylist decodeBookLink(const std::string& body) {
    IRealPlaylist list;
    const std::vector<std::string> segments = split(body, "===");
    for (size_t s = 0; s < segments.size(); ++s) {
        const std::vector<std::string> f = split(segments[s], "=");
        size_t k = 0;
        for (; k + 6 <= f.size(); k += 6)
            list.tunes.push_back(
                makeTune(f[k].empty() ? "Untitled" : f[k], f[k + 1], f[k + 2], f[k + 3], f[k + 5]));
        if (k < f.size() && !(f.size() - k == 1 && f[k].empty())) {
            if (s + 1 == segments.size() && !list.tunes.empty() && f.size() - k == 1) {
                list.name = f[k];
                continue;
            }
            throw Error("iReal Pro link: song " + std::to_string(list.tunes.size() + 1) + " has " +
                        std::to_string(f.size() - k) +
                        " fields; an irealbook:// song has six: Title=Composer=Style=Key=n=Chart");
        }
    }
    if (list.tunes.empty())
        throw Error("iReal Pro link: no song in it (Title=Composer=Style=Key=n=Chart)");
    return list;
}

} // namespace

std::string unscrambleIRealMusic(const std::string& music) {
    std::string s = music;
    // A block is scrambled only when at least two characters follow it.
    for (size_t at = 0; at + 50 + 2 <= s.size(); at += 50) {
        const std::string block = s.substr(at, 50);
        for (size_t i = 0; i < 24; ++i) {
            if (i >= 5 && i < 10)
                continue;
            s[at + i] = block[49 - i];
            s[at + 49 - i] = block[i];
        }
    }
    s = replaceAll(s, "Kcl", "| x");
    s = replaceAll(s, "LZ", " |");
    s = replaceAll(s, "XyQ", "   ");
    return s;
}

bool isIRealLink(const std::string& text) {
    const std::string t = lower(trim(text).substr(0, 12));
    return t.rfind("irealb://", 0) == 0 || t.rfind("irealbook://", 0) == 0;
}

IRealPlaylist decodeIRealLink(const std::string& link) {
    const std::string t = trim(link);
    if (t.size() > kMaxLinkLength)
        throw Error("iReal Pro link: longer than " + std::to_string(kMaxLinkLength >> 20) +
                    " MB; split the playlist");
    const std::string scheme = lower(t.substr(0, std::min<size_t>(t.size(), 12)));
    if (scheme.rfind("irealb://", 0) == 0)
        return decodeProLink(percentDecode(t.substr(9)));
    if (scheme.rfind("irealbook://", 0) == 0)
        return decodeBookLink(percentDecode(t.substr(12)));
    throw Error("not an iReal Pro link (irealb:// or irealbook://): '" + t.substr(0, 40) + "'");
}

const IRealTune& pickIRealTune(const IRealPlaylist& playlist, const std::string& spec) {
    if (spec.empty() && playlist.tunes.size() == 1)
        return playlist.tunes.front();
    if (!spec.empty()) {
        const bool numeric = spec.size() < 6 && std::all_of(spec.begin(), spec.end(), [](char c) {
                                 return std::isdigit(static_cast<unsigned char>(c));
                             });
        if (numeric) {
            const size_t n = std::stoul(spec);
            if (n >= 1 && n <= playlist.tunes.size())
                return playlist.tunes[n - 1];
        }
        for (const IRealTune& tune : playlist.tunes)
            if (lower(tune.title) == lower(trim(spec)))
                return tune;
    }
    std::string list;
    for (size_t i = 0; i < playlist.tunes.size(); ++i)
        list += (i ? ", " : "") + std::to_string(i + 1) + " \"" + playlist.tunes[i].title + "\"";
    const std::string what =
        playlist.name.empty() ? "the link" : "playlist \"" + playlist.name + "\"";
    throw Error((spec.empty() ? what + " holds " + std::to_string(playlist.tunes.size()) +
                                    " tunes; pick one with --tune N|NAME"
                              : "no tune '" + spec + "' in " + what) +
                ": " + list);
}

std::string IRealTune::chordText() const {
    std::string text = "|";
    for (const std::string& bar : bars)
        text += " " + bar + " |";
    return text;
}

generate::Progression IRealTune::progression() const {
    return generate::Progression::parse(chordText(), beatsPerBar);
}

} // namespace jazz::chart
