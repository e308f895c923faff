import { Router } from "express";
const router = Router();
router.get("/x", async (req, res) => {
	try {
		res.json(await load());
	} catch (err) {
		res.status(500).json({ error: `Load failed: ${err.message}` });
	}
});
