// A chord chart as a musician writes it: several lines of bars ("| Dm7 G7 | Cmaj7 |"), four bars
// a line when the studio lays it out, the number of each line's first bar in a gutter, and each
// bar checked as you type (a bad bar is underlined, the reasons listed). Text set by the studio
// (a preset) goes on the editor's undo stack, so Ctrl+Z brings back what was typed.
#pragma once

#include <QPlainTextEdit>

namespace jazz::ui {

class ChordChartEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ChordChartEdit(QWidget* parent = nullptr);

    static constexpr int kBarsPerLine = 4;
    // The chart laid out kBarsPerLine bars a line ("| a | b | c | d |"); bars as written.
    static QString layOut(const QString& text);

    QString text() const { return toPlainText(); }
    // Replaces the whole chart as one undoable edit.
    void setText(const QString& text);
    // "Bar 3: chord symbol 'Xq7': unknown chord quality 'q7'" for each bad bar, in order.
    QStringList barErrors() const { return errors_; }
    int barCount() const { return bars_; }
    // The number of the first bar that starts on each line (0 for a line with none).
    QList<int> lineBarNumbers() const { return lineBars_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void checked(); // after every change: barErrors() and barCount() are current

protected:
    void resizeEvent(QResizeEvent*) override;

private:
    friend class BarGutter;
    void check();
    int gutterWidth() const;
    void paintGutter(QPaintEvent* e);

    QWidget* gutter_;
    QStringList errors_;
    QList<int> lineBars_;
    int bars_ = 0;
};

} // namespace jazz::ui
