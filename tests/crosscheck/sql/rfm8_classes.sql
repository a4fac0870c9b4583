-- The 8 RFM value classes of rules/rfm-8 (also inside rules/key-accounts) as a lookup table on
-- whether R, F and M are high (1) or low (0).
DROP TABLE IF EXISTS rfm8_classes;
CREATE TABLE rfm8_classes (r_high INTEGER, f_high INTEGER, m_high INTEGER, rfm TEXT);
INSERT INTO rfm8_classes VALUES
  (1, 1, 1, 'important_value'),   (1, 0, 1, 'important_develop'),
  (0, 1, 1, 'important_keep'),    (0, 0, 1, 'important_retain'),
  (1, 1, 0, 'general_value'),     (1, 0, 0, 'general_develop'),
  (0, 1, 0, 'general_keep'),      (0, 0, 0, 'general_retain');
