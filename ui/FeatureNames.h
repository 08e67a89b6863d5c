// The Quality panel's words: each evaluation feature (core's code names, "chord_tone_ratio") as
// a musician reads it, with what it measures, and each quality target as a sentence.
#pragma once

#include <QString>

#include <string>

namespace jazz::ui {

struct FeatureText {
    QString name; // short, distinct from the first word: "Notes on chord tones"
    QString help; // what it measures, for the tooltip
};

FeatureText featureText(const std::string& key);
// "chord_tone_ratio: |solos - corpus| <= 0.10" -> "Notes on chord tones: solos within 0.10 of
// the corpus". Unknown forms come back readable, never as code.
QString targetText(const std::string& target);

} // namespace jazz::ui
