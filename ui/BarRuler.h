// The bar-number strip along the top of the piano roll: drag across it to select a range of
// bars (what Regenerate and Lock act on), shown highlighted here and shaded in the grid. It
// shows each bar's record: a padlock on a locked bar, and a coloured underline for a bar that
// was edited (amber), recorded (red) or primed (green). Right-click selects the bar under the
// mouse (unless it is in the selection) and offers the actions added to the ruler; a
// double-click selects a bar and asks for its lock to be toggled.
#pragma once

#include "StudioDocument.h"

#include <QWidget>

#include <optional>
#include <utility>

namespace jazz::ui {

class PianoRoll;

class BarRuler : public QWidget {
    Q_OBJECT
public:
    // A child of the roll's viewport, along its top (PianoRoll places it).
    BarRuler(PianoRoll* roll, StudioDocument* document);

    // The selected bars, 0-based and inclusive; none when nothing is selected.
    std::optional<std::pair<int, int>> selection() const { return selection_; }
    void setSelection(int first, int last); // clamped to the take's bars; swapped if reversed
    void clearSelection();
    // The bar under ruler (and viewport) x, or -1 left of the grid or past the take.
    int barAt(double x) const;
    // Where bar `bar` lies in the ruler, clipped to nothing.
    QRectF barRect(int bar) const;
    int barCount() const;

Q_SIGNALS:
    void selectionChanged();
    void lockToggleRequested(int bar); // a double-click on the bar (now the selection)

protected:
    bool eventFilter(QObject* watched, QEvent* e) override; // follows the viewport's width
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;

private:
    const generate::Solo* solo() const;
    void select(std::optional<std::pair<int, int>> s);

    PianoRoll* roll_;
    StudioDocument* document_;
    std::optional<std::pair<int, int>> selection_;
    int anchor_ = -1; // the bar a drag started on
};

} // namespace jazz::ui
