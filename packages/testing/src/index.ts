// Public test kit. Explicit export list: add your own lines, keep others'.
