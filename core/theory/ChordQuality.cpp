#include "theory/ChordQuality.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace jazz::theory {

namespace {

struct AlterationInfo {
    const char* text;
    int semitones;
};
// Indexed by ChordQuality::Alteration. "b6" (iReal's "-b6") is the minor sixth inside the
// octave, kept apart from b13 so that a chart's spelling survives normalisation.
const AlterationInfo kAlterations[] = {{"b5", 6},  {"#5", 8},   {"b6", 8},  {"b9", 13},
                                       {"#9", 15}, {"#11", 18}, {"b13", 20}};

int alterationOf(bool flat, int degree) {
    using Q = ChordQuality;
    if (flat)
        switch (degree) {
        case 5:
            return Q::Flat5;
        case 6:
            return Q::Flat6;
        case 9:
            return Q::Flat9;
        case 13:
            return Q::Flat13;
        }
    else
        switch (degree) {
        case 5:
            return Q::Sharp5;
        case 9:
            return Q::Sharp9;
        case 11:
            return Q::Sharp11;
        }
    return -1;
}

bool startsWithNoCase(const std::string& s, size_t at, const char* word) {
    for (size_t k = 0; word[k]; ++k)
        if (at + k >= s.size() || std::tolower(static_cast<unsigned char>(s[at + k])) != word[k])
            return false;
    return true;
}

bool isDigit(const std::string& s, size_t at) {
    return at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]));
}

// The numbers a chord symbol may hold: two digits when they make one of these ("11", "13",
// "69"), else one ("79" is 7 then 9, "b913" is b9 then 13).
size_t readNumber(const std::string& s, size_t at, int* value) {
    if (isDigit(s, at + 1)) {
        const int two = (s[at] - '0') * 10 + (s[at + 1] - '0');
        if (two == 11 || two == 13 || two == 69) {
            *value = two;
            return 2;
        }
    }
    *value = s[at] - '0';
    return 1;
}

// "+5", "+9", "+11": a sharpened degree, where "+7" is a #5 before the seventh.
bool plusAlteration(const std::string& s, size_t at) {
    return s.compare(at, 2, "+5") == 0 || s.compare(at, 2, "+9") == 0 ||
           s.compare(at, 3, "+11") == 0;
}

std::string digitsAt(const std::string& s, size_t at) {
    size_t end = at;
    while (isDigit(s, end))
        ++end;
    return s.substr(at, end - at);
}

} // namespace

std::optional<ChordQuality> ChordQuality::read(const std::string& s, std::string* why) {
    auto fail = [&](const std::string& reason) -> std::optional<ChordQuality> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    ChordQuality q;
    // What the text said, before the implications are worked out at the end.
    std::string qualityWord; // "m", "dim", "ø", "aug" as written
    bool minor = false, dim = false, half = false, aug = false, dom = false, power = false;
    bool majWord = false, majTriangle = false, six = false;
    int ext = 0;
    unsigned written = 0; // alterations written out, to catch "b9 ... b9"
    bool any = false;     // something after the root has been read
    bool wasAny = false;  // ... before the current token
    bool inParens = false;
    size_t i = 0;

    auto setQuality = [&](const std::string& word) -> bool {
        if (!qualityWord.empty()) {
            fail("two qualities '" + qualityWord + "' and '" + word + "'");
            return false;
        }
        if (wasAny) {
            fail("the quality '" + word + "' must come right after the root");
            return false;
        }
        qualityWord = word;
        return true;
    };
    auto addAlteration = [&](bool flat, const std::string& numberText, int degree) -> bool {
        const int a = alterationOf(flat, degree);
        const std::string text = std::string(flat ? "b" : "#") + numberText;
        if (a < 0) {
            fail("'" + text + "' is not an alteration (b5 #5 b6 b9 #9 #11 b13)");
            return false;
        }
        if (written & (1u << a)) {
            fail(std::string("'") + kAlterations[a].text + "' written twice");
            return false;
        }
        written |= 1u << a;
        return true;
    };
    auto setSus = [&](int kind) -> bool {
        if ((q.sus == 2 && kind == 4) || (q.sus == 4 && kind == 2)) {
            q.sus = 24; // Impro-Visor's "sus24": both the second and the fourth
            return true;
        }
        if (q.sus) {
            fail("two suspensions 'sus" + std::to_string(q.sus) + "' and 'sus" +
                 std::to_string(kind) + "'");
            return false;
        }
        q.sus = kind;
        return true;
    };
    // A bare number: an extension, a raised one ("7(13)"), 6, 6/9, 5 (power chord), 2 or 4.
    auto addNumber = [&](int n, const std::string& text) -> bool {
        if (n == 6 && ext >= 7)
            n = 13; // "7/6", "7(6)": a 6 over a seventh is its 13th
        switch (n) {
        case 5:
            power = true;
            return true;
        // "C2" and "C4" as iReal writes them: sus2 and sus4.
        case 2:
            return setSus(2);
        case 4:
            return setSus(4);
        case 69:
            if (six || ext) {
                fail("two extensions '" + std::string(six ? "6" : std::to_string(ext)) +
                     "' and '69'");
                return false;
            }
            six = q.sixNine = true;
            return true;
        case 6:
            if (six || ext) {
                fail("two extensions '" + std::string(six ? "6" : std::to_string(ext)) +
                     "' and '6'");
                return false;
            }
            six = true;
            if (s.compare(i, 2, "/9") == 0) {
                q.sixNine = true;
                i += 2;
            }
            return true;
        case 7:
        case 9:
        case 11:
        case 13:
            if (six && n == 9 && !q.sixNine) {
                q.sixNine = true; // "6(9)", "6add9"
                return true;
            }
            if (inParens && n >= 9 && n < ext)
                return true; // "13(9)": already there
            if (six || (ext && n <= ext)) {
                fail("two extensions '" + std::string(six ? "6" : std::to_string(ext)) + "' and '" +
                     text + "'");
                return false;
            }
            ext = n; // "7(9)", "7(13)": the higher extension, as players read it
            return true;
        }
        fail("unknown extension '" + text + "'");
        return false;
    };

    while (i < s.size()) {
        const char c = s[i];
        // A '/' inside brackets or before a tension ("7/9", "7/b9") only separates.
        const bool tensionAfter =
            isDigit(s, i + 1) ||
            (i + 1 < s.size() &&
             (s[i + 1] == 'b' || s[i + 1] == '#' || s[i + 1] == '+' || s[i + 1] == '-') &&
             isDigit(s, i + 2));
        if (c == '(' || c == ')' || c == ',' || (c == '/' && (inParens || tensionAfter))) {
            if (c == '(' && inParens)
                return fail("'(' inside '('");
            if (c == ')' && !inParens)
                return fail("')' without '('");
            if (c == '(' || c == ')')
                inParens = c == '(';
            ++i;
            continue;
        }
        bool ok = true;
        wasAny = any;
        any = true;
        if (startsWithNoCase(s, i, "add")) {
            i += 3;
            const bool flat = i < s.size() && (s[i] == 'b' || s[i] == '-');
            const bool sharp = i < s.size() && (s[i] == '#' || s[i] == '+');
            if (flat || sharp)
                ++i;
            if (!isDigit(s, i))
                return fail("'add' needs a degree (add9, add11, add13, add2, add4)");
            int n = 0;
            const std::string text = digitsAt(s, i);
            i += readNumber(s, i, &n);
            if (flat || sharp) {
                ok = addAlteration(flat, text, n);
            } else if (n == 6 || (n == 9 && six)) {
                ok = addNumber(n, text); // "add6" is a 6, "6add9" a 6/9
            } else if (n == 2 || n == 3 || n == 4 || n == 9 || n == 11 || n == 13) {
                q.added.push_back(n);
            } else {
                return fail("cannot add '" + text + "' (add2 add3 add4 add6 add9 add11 add13)");
            }
        } else if (startsWithNoCase(s, i, "omit") ||
                   (startsWithNoCase(s, i, "no") && isDigit(s, i + 2))) {
            i += startsWithNoCase(s, i, "omit") ? 4 : 2;
            const std::string text = digitsAt(s, i);
            if (text != "3" && text != "5")
                return fail("only the 3rd or the 5th can be omitted" +
                            (text.empty() ? std::string() : ", not '" + text + "'"));
            (text == "3" ? q.noThird : q.noFifth) = true;
            ++i;
        } else if (startsWithNoCase(s, i, "alt")) {
            i += 3;
            q.altered = true;
        } else if (startsWithNoCase(s, i, "sus")) {
            i += 3;
            int kind = 4;
            if (i < s.size() && (s[i] == '2' || s[i] == '4'))
                kind = s[i++] - '0';
            ok = setSus(kind);
        } else if (startsWithNoCase(s, i, "dom")) {
            i += 3;
            dom = true;
        } else if (startsWithNoCase(s, i, "dim")) {
            i += 3;
            ok = setQuality("dim") && (dim = true);
        } else if (startsWithNoCase(s, i, "aug") ||
                   (c == '+' && (!wasAny ? s.compare(i, 2, "+5") != 0 : !plusAlteration(s, i)))) {
            // "C+", "C+7", "Caug": augmented; later ("C7+", "Am+", "Cm+7") a #5.
            const size_t n = c == '+' ? 1 : 3;
            if (!wasAny) {
                ok = setQuality(s.substr(i, n)) && (aug = true);
            } else if (written & (1u << Sharp5)) {
                return fail("'#5' written twice");
            } else {
                written |= 1u << Sharp5;
            }
            i += n;
        } else if (startsWithNoCase(s, i, "major") || startsWithNoCase(s, i, "maj") ||
                   (startsWithNoCase(s, i, "ma") && !startsWithNoCase(s, i + 1, "add")) ||
                   (c == 'M' && !startsWithNoCase(s, i, "mi")) || c == '^' || c == 'j') {
            const size_t n = startsWithNoCase(s, i, "major") ? 5
                             : startsWithNoCase(s, i, "maj") ? 3
                             : (c == 'm' || c == 'M') && startsWithNoCase(s, i, "ma") &&
                                     !startsWithNoCase(s, i + 1, "add")
                                 ? 2
                                 : 1;
            const std::string word = s.substr(i, n);
            if (majWord || majTriangle)
                return fail("'" + word + "' written twice");
            if (ext || six)
                return fail("'" + word + "' after the extension; write it first (maj7, not 7maj)");
            (c == '^' || c == 'j' ? majTriangle : majWord) = true;
            i += n;
        } else if (startsWithNoCase(s, i, "minor") || startsWithNoCase(s, i, "min") ||
                   startsWithNoCase(s, i, "mi") || c == 'm' || (c == '-' && !wasAny)) {
            const size_t n = startsWithNoCase(s, i, "minor") ? 5
                             : startsWithNoCase(s, i, "min") ? 3
                             : startsWithNoCase(s, i, "mi")  ? 2
                                                             : 1;
            ok = setQuality(s.substr(i, n)) && (minor = true);
            i += n;
        } else if (c == 'o') {
            ok = setQuality("o") && (dim = true);
            ++i;
        } else if (c == 'h') {
            ok = setQuality("ø") && (half = true);
            ++i;
        } else if (c == 'b' || c == '#' || c == '-' || c == '+') {
            if (!isDigit(s, i + 1))
                return fail(std::string("'") + c + "' without a degree after it");
            int n = 0;
            const size_t len = readNumber(s, i + 1, &n);
            ok = addAlteration(c == 'b' || c == '-', digitsAt(s, i + 1), n);
            i += 1 + len;
        } else if (isDigit(s, i)) {
            int n = 0;
            const std::string run = digitsAt(s, i);
            i += readNumber(s, i, &n);
            const bool known =
                n == 2 || (n >= 4 && n <= 7) || n == 9 || n == 11 || n == 13 || n == 69;
            ok = addNumber(n, known ? std::to_string(n) : run);
        } else {
            any = wasAny;
            if (!any)
                return fail("unknown chord quality '" + s.substr(i) + "'");
            return fail("unknown '" + s.substr(i) + "' after '" + s.substr(0, i) + "'");
        }
        if (!ok)
            return std::nullopt;
    }
    if (inParens)
        return fail("missing ')'");

    if (power) {
        if (!qualityWord.empty() || majWord || majTriangle || ext || six || q.sus || written ||
            !q.added.empty() || q.altered || q.noThird || q.noFifth || dom)
            return fail("a power chord ('5') takes nothing else");
        q.triad = Triad::Power;
        return q;
    }
    const std::string thirdWord = qualityWord.empty() ? "" : "'" + qualityWord + "'";
    if (q.sus && (minor || dim || half))
        return fail("'sus" + std::to_string(q.sus) + "' replaces the third, so it conflicts with " +
                    thirdWord);
    if (dim && (written & (1u << Sharp5)))
        return fail("'#5' conflicts with the diminished fifth of " + thirdWord);
    if (half && six)
        return fail("'6' conflicts with the seventh of 'ø'");
    if (ext == 9 && (written & ((1u << Flat9) | (1u << Sharp9))))
        return fail("the 9 conflicts with '" + std::string(written & (1u << Flat9) ? "b9" : "#9") +
                    "'");
    if (ext == 11 && (written & (1u << Sharp11)))
        return fail("the 11 conflicts with '#11'");
    if (ext == 13 && (written & (1u << Flat13)))
        return fail("the 13 conflicts with 'b13'");
    if (q.altered) {
        if (minor || dim || half || aug || majWord || majTriangle || six || q.sus)
            return fail("'alt' is a dominant seventh; it conflicts with '" +
                        (qualityWord.empty() ? std::string(six     ? "6"
                                                           : q.sus ? "sus"
                                                                   : "maj")
                                             : qualityWord) +
                        "'");
    }

    q.triad = minor || half ? Triad::Minor : dim ? Triad::Diminished : Triad::Major;
    q.alterations = written;
    if (aug)
        q.alterations |= 1u << Sharp5;
    if (half)
        q.alterations |= 1u << Flat5;
    if (dim)
        q.alterations &= ~(1u << Flat5); // the triad has it already
    if (six && dim) {
        six = q.sixNine = false; // "dim6" is the dim7 chord
        ext = 7;
    }
    if (!six && !ext &&
        (majTriangle || (majWord && (minor || dim || half)) || half || q.altered || dom))
        ext = 7; // "C^", "CmMaj", "Cø", "Calt", "Cdom"
    if (six) {
        q.seventh = Seventh::Sixth;
    } else if (ext) {
        q.seventh = majWord || majTriangle ? Seventh::Major
                    : dim                  ? Seventh::Diminished
                                           : Seventh::Minor;
    }
    q.extension = six ? 0 : ext;
    std::sort(q.added.begin(), q.added.end());
    q.added.erase(std::unique(q.added.begin(), q.added.end()), q.added.end());
    // An added tone the chord already has is no add ("Cadd9 6" is C6/9, "C9add9" is C9).
    auto drop = [&](int degree) {
        const auto at = std::find(q.added.begin(), q.added.end(), degree);
        if (at == q.added.end())
            return false;
        q.added.erase(at);
        return true;
    };
    if (six && drop(9))
        q.sixNine = true;
    if (ext >= 9 && !q.has(Flat9) && !q.has(Sharp9))
        drop(9);
    if (ext == 11 && !q.has(Sharp11))
        drop(11);
    if (ext == 13 && !q.has(Flat13))
        drop(13);
    return q;
}

std::vector<int> ChordQuality::intervals() const {
    if (triad == Triad::Power)
        return {0, 7};
    if (altered)
        return {0, 4, 10, 13, 15, 18, 20};
    std::set<int> iv{0};
    if (!noThird)
        for (int t : sus == 24 ? std::vector<int>{2, 5}
                               : std::vector<int>{sus == 4                ? 5
                                                  : sus == 2              ? 2
                                                  : triad == Triad::Major ? 4
                                                                          : 3})
            iv.insert(t);
    if (!noFifth) {
        if (has(Flat5) || has(Sharp5)) {
            if (has(Flat5))
                iv.insert(6);
            if (has(Sharp5))
                iv.insert(8);
        } else {
            iv.insert(triad == Triad::Diminished ? 6 : 7);
        }
    }
    switch (seventh) {
    case Seventh::None:
        break;
    case Seventh::Minor:
        iv.insert(10);
        break;
    case Seventh::Major:
        iv.insert(11);
        break;
    case Seventh::Diminished:
        iv.insert(9);
        break;
    case Seventh::Sixth:
        iv.insert(9);
        if (sixNine)
            iv.insert(14);
        break;
    }
    if (extension >= 9 && !has(Flat9) && !has(Sharp9))
        iv.insert(14);
    // An 11 chord sounds its 11th; a 13 chord leaves it out (it clashes with the major third).
    if (extension == 11 && !has(Sharp11))
        iv.insert(17);
    if (extension == 13 && !has(Flat13))
        iv.insert(21);
    for (int a = Flat6; a < AlterationCount; ++a)
        if (has(Alteration(a)))
            iv.insert(kAlterations[a].semitones);
    for (int d : added) {
        static const int semitones[14] = {0, 0, 2, 4, 5, 0, 9, 0, 0, 14, 0, 17, 0, 21};
        iv.insert(semitones[d]);
    }
    return {iv.begin(), iv.end()};
}

std::string ChordQuality::name() const {
    if (triad == Triad::Power)
        return "5";
    if (altered)
        return "7alt";
    std::string n = triad == Triad::Minor ? "m" : triad == Triad::Diminished ? "dim" : "";
    unsigned printed = alterations;
    const std::string ext = std::to_string(extension);
    switch (seventh) {
    case Seventh::None:
        if (triad == Triad::Major && !sus && has(Sharp5) && !has(Flat5)) {
            n = "aug";
            printed &= ~(1u << Sharp5);
        }
        break;
    case Seventh::Minor:
        n += ext;
        break;
    case Seventh::Major:
        n += (triad == Triad::Major ? "maj" : "Maj") + ext;
        break;
    case Seventh::Diminished:
        n += ext;
        break;
    case Seventh::Sixth:
        n += sixNine ? "6/9" : "6";
        break;
    }
    if (sus)
        n += "sus" + std::to_string(sus);
    std::string alt;
    for (int a = 0; a < AlterationCount; ++a)
        if (printed & (1u << a))
            alt += kAlterations[a].text;
    // Alterations follow a number ("7b9", "sus4b13"); else they are bracketed ("C(b9)" would
    // otherwise read as a Cb root, "Cm(#5)", "Caug(b9)").
    n += !alt.empty() && (n.empty() || !std::isdigit(static_cast<unsigned char>(n.back())))
             ? "(" + alt + ")"
             : alt;
    for (int d : added)
        n += "add" + std::to_string(d);
    if (noThird)
        n += "no3";
    if (noFifth)
        n += "no5";
    return n;
}

} // namespace jazz::theory
