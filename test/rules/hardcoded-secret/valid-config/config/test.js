// shipguard-test: no-findings
module.exports = {
  stripeSecretKey: 'sk_test_51Hq2mWdK8fT4nR7xZpL3vB9cQe',
  jwtSecret: 'q8$Lm2!vRz7@Kp4#Wx9&Tb3*Hn6^Yc1J',
};
